package dev.bindings.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.kafka.autoconfigure.KafkaBindingsAutoConfiguration;
import dev.bindings.test.KafkaTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Closing the application while requests are in flight: every request completes, those
 * that were acknowledged are in the topic, and calls after the close get a clean error.
 */
class GracefulShutdownTests {

	private static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "shutdown");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
		System.clearProperty("spring.embedded.kafka.brokers");
		System.clearProperty("spring.kafka.bootstrap-servers");
	}

	@Test
	void inFlightRequestsCompleteAndAcknowledgedOnesAreInTheTopic() throws Exception {
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		List<CompletableFuture<?>> requests = new ArrayList<>();
		BindingClient[] client = new BindingClient[1];
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					KafkaBindingsAutoConfiguration.class, KafkaAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.out.type=bindings.kafka",
					"bindings.components.out.metadata.brokers=" + broker.getBrokersAsString(),
					"bindings.components.out.metadata.publishTopic=shutdown")
			.run((context) -> {
				client[0] = context.getBean(BindingClient.class);
				for (int i = 0; i < 500; i++) {
					String id = "request-" + i;
					requests.add(client[0].invokeAsync("out", "create", id.getBytes(StandardCharsets.UTF_8), Map.of())
						.thenRun(() -> acknowledged.add(id)));
				}
			});
		// the context is closed now: every request has an outcome
		for (CompletableFuture<?> request : requests) {
			assertThat(request).succeedsWithin(Duration.ofSeconds(30));
		}
		assertThat(acknowledged).hasSize(500);
		assertThat(KafkaTopics.values(broker.getBrokersAsString(), "shutdown")).containsAll(acknowledged);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> client[0].invokeAsync("out", "create", "late", Map.of()).get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(BindingException.class)
			.withMessage("error invoking output binding out: the binding is closed: the application is shutting down");
	}

}
