package dev.bindings.resiliency;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.DaprManifests;
import dev.bindings.kafka.KafkaOutputBindingFactory;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A per-attempt timeout that fires while a Kafka send is still in flight, followed by
 * retries: the record is in the topic exactly once.
 */
class KafkaRetryNoDuplicateTests {

	private static EmbeddedKafkaKraftBroker broker;

	@TempDir
	Path folder;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "retried");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
		System.clearProperty("spring.embedded.kafka.brokers");
		System.clearProperty("spring.kafka.bootstrap-servers");
	}

	@Test
	void timedOutAttemptsAreNotSentAgain() throws Exception {
		Files.writeString(this.folder.resolve("resiliency.yaml"), """
				apiVersion: dapr.io/v1alpha1
				kind: Resiliency
				metadata:
				  name: kafka
				spec:
				  policies:
				    timeouts:
				      tight: 100ms
				    retries:
				      eager: {duration: 10ms, maxRetries: 50}
				  targets:
				    components:
				      retried:
				        outbound: {timeout: tight, retry: eager}
				""");
		ResiliencyBindingDecorator decorator = new ResiliencyBindingDecorator(
				ResiliencyPolicies.of(DaprManifests.read(List.of(this.folder), "Resiliency", "")));
		// a linger far above the timeout: every send outlives several attempts
		KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(Map.of(ProducerConfig.LINGER_MS_CONFIG, 700),
				null, List.of());
		DefaultOutputBindingRegistry registry = new DefaultOutputBindingRegistry(
				List.of(new ComponentDefinition("retried", "bindings.kafka", "v1",
						Map.of("brokers", broker.getBrokersAsString(), "publishTopic", "retried"), List.of(), false,
						null, "test")),
				List.of(factory), List.of(decorator));
		try {
			DefaultBindingClient client = new DefaultBindingClient(registry, JsonMapper.builder().build()::writeValueAsBytes);
			for (int i = 0; i < 3; i++) {
				client.invoke("retried", "create", ("record-" + i).getBytes(StandardCharsets.UTF_8));
			}
		}
		finally {
			registry.destroy();
			decorator.destroy();
		}
		assertThat(readAll()).containsExactly("record-0", "record-1", "record-2");
	}

	private static List<String> readAll() {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition("retried", 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (consumer.position(partition) < end && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200))
					.forEach((record) -> values.add(new String(record.value(), StandardCharsets.UTF_8)));
			}
		}
		return values;
	}

}
