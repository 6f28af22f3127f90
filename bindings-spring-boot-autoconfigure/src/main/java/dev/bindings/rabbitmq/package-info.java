/**
 * The {@code bindings.rabbitmq} output binding type: Dapr's RabbitMQ component on Spring
 * AMQP, publishing with publisher confirms so that a request completes when the broker
 * has taken the message.
 */
@NullMarked
package dev.bindings.rabbitmq;

import org.jspecify.annotations.NullMarked;
