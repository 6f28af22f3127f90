package dev.bindings.resiliency;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.DaprManifests;
import dev.bindings.kafka.KafkaOutputBindingFactory;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import dev.bindings.test.KafkaTopics;
import org.apache.kafka.clients.producer.ProducerConfig;
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
			DefaultBindingClient client = new DefaultBindingClient(registry,
					JsonMapper.builder().build()::writeValueAsBytes);
			for (int i = 0; i < 3; i++) {
				client.invoke("retried", "create", ("record-" + i).getBytes(StandardCharsets.UTF_8));
			}
		}
		finally {
			registry.destroy();
			decorator.destroy();
		}
		assertThat(KafkaTopics.values(broker.getBrokersAsString(), "retried")).containsExactly("record-0", "record-1",
				"record-2");
	}

}
