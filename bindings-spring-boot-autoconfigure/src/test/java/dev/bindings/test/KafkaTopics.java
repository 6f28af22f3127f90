package dev.bindings.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads back what a topic holds, with an independent consumer.
 */
public final class KafkaTopics {

	private KafkaTopics() {
	}

	/**
	 * The values of every record of partition 0 of a topic, as UTF-8 text, in offset
	 * order.
	 * @param brokers the bootstrap servers
	 * @param topic the topic
	 * @return the values
	 */
	public static List<String> values(String brokers, String topic) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (consumer.position(partition) < end && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(new String(record.value(), StandardCharsets.UTF_8));
				}
			}
		}
		return values;
	}

}
