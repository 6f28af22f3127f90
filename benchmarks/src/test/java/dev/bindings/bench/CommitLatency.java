package dev.bindings.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How long one synchronous offset commit takes on a broker: a plain {@link KafkaConsumer}
 * in a fresh group commits one offset {@code COUNT} times, with each of the given pauses
 * between commits, and prints the percentiles. What an input binding that commits each
 * record synchronously waits per record. <pre>
 * java -cp ... dev.bindings.bench.CommitLatency localhost:19092 [COUNT [PAUSE_MS ...]]
 * </pre>
 */
public final class CommitLatency {

	private CommitLatency() {
	}

	public static void main(String[] args) throws Exception {
		String broker = args[0];
		int count = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		long[] pauses = (args.length > 2) ? Arrays.stream(args, 2, args.length).mapToLong(Long::parseLong).toArray()
				: new long[] { 0, 0, 2, 20 };
		String topic = "commit-latency-" + UUID.randomUUID().toString().substring(0, 8);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			try {
				run(broker, topic, count, pauses);
			}
			finally {
				admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static void run(String broker, String topic, int count, long[] pauses) throws InterruptedException {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-group");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (consumer.assignment().isEmpty()) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("no partition assigned within 60 s");
				}
				consumer.poll(Duration.ofMillis(100));
			}
			Map<TopicPartition, OffsetAndMetadata> offset = Map.of(new TopicPartition(topic, 0),
					new OffsetAndMetadata(0));
			for (long pause : pauses) {
				long[] nanos = new long[count];
				for (int i = 0; i < count; i++) {
					long start = System.nanoTime();
					consumer.commitSync(offset);
					nanos[i] = System.nanoTime() - start;
					if (pause > 0) {
						Thread.sleep(pause);
					}
				}
				Arrays.sort(nanos);
				System.out.printf(Locale.ROOT, "RESULT pause_ms=%d commits=%d p50_ms=%.2f p90_ms=%.2f max_ms=%.2f%n",
						pause, count, nanos[count / 2] / 1e6, nanos[count * 9 / 10] / 1e6, nanos[count - 1] / 1e6);
			}
		}
	}

}
