/**
 * The {@code bindings.kafka} output binding type: Dapr's Kafka component metadata,
 * validated and mapped to Kafka producer properties, a {@code KafkaTemplate} per
 * component, and a partitioner that places keys exactly as Dapr (sarama) does.
 */
@NullMarked
package dev.bindings.kafka;

import org.jspecify.annotations.NullMarked;
