package dev.bindings.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.bindings.test.Closing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing a web application while a record's delivery to its route is in flight: the
 * input bindings stop before the web server (graceful shutdown on), so the route finishes
 * on a server that still answers, the record is committed, and an application started
 * afterwards in the same group resumes after it.
 */
class KafkaRouteShutdownTests {

	private static final String TOPIC = "route-shutdown";

	private static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		broker.addTopics(new NewTopic(TOPIC, 1, (short) 1));
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void aRouteDeliveryInFlightFinishesBeforeTheServerStopsAndIsNotDeliveredAgain() throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (String value : List.of("0", "1", "2", "3")) {
				producer.send(new ProducerRecord<>(TOPIC, value.getBytes(StandardCharsets.UTF_8)))
					.get(30, TimeUnit.SECONDS);
			}
		}
		Orders first = new Orders("1");
		ConfigurableApplicationContext app = start(first);
		assertThat(first.entered.await(90, TimeUnit.SECONDS)).isTrue();
		Closing.closeReleasingTheDeliveryInFlight(app, "in", first.release::countDown);
		assertThat(first.processed).containsExactly("0", "1");
		Orders second = new Orders(null);
		try (ConfigurableApplicationContext restarted = start(second)) {
			await().atMost(Duration.ofSeconds(90)).until(() -> second.processed.size() >= 2);
			assertThat(second.processed).containsExactly("2", "3");
		}
	}

	private static ConfigurableApplicationContext start(Orders orders) {
		return new SpringApplicationBuilder(TestApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("orders", orders))
			.run("--server.port=0", "--server.shutdown=graceful", "--bindings.http.port=0", "--bindings.grpc.port=0",
					"--bindings.components-path=", "--bindings.components.in.type=bindings.kafka",
					"--bindings.components.in.metadata.brokers=" + broker.getBrokersAsString(),
					"--bindings.components.in.metadata.topics=" + TOPIC,
					"--bindings.components.in.metadata.consumerGroup=route-shutdown",
					"--bindings.components.in.metadata.initialOffset=oldest",
					"--bindings.components.in.metadata.route=/orders");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		OrdersController ordersController(Orders orders) {
			return new OrdersController(orders);
		}

	}

	static class Orders {

		final List<String> processed = new CopyOnWriteArrayList<>();

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final String blockOn;

		Orders(String blockOn) {
			this.blockOn = blockOn;
		}

	}

	@RestController
	static class OrdersController {

		private final Orders orders;

		OrdersController(Orders orders) {
			this.orders = orders;
		}

		@PostMapping("/orders")
		void order(@RequestBody String value) throws InterruptedException {
			if (value.equals(this.orders.blockOn)) {
				this.orders.entered.countDown();
				this.orders.release.await(60, TimeUnit.SECONDS);
			}
			this.orders.processed.add(value);
		}

	}

}
