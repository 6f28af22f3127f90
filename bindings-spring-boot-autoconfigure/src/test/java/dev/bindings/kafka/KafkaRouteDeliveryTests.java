package dev.bindings.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An existing Dapr application's handlers, unchanged: Kafka records and cron ticks
 * delivered to Spring MVC routes through the application's real port, after daprd's
 * {@code OPTIONS} probe, with the headers daprd sends.
 */
@SpringBootTest(classes = KafkaRouteDeliveryTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "bindings.components.orders.type=bindings.kafka",
				"bindings.components.orders.metadata.topics=route-orders",
				"bindings.components.orders.metadata.consumerGroup=route-tests",
				"bindings.components.orders.metadata.initialOffset=oldest",
				"bindings.components.orders.metadata.publishTopic=route-orders",
				"bindings.components.ticks.type=bindings.cron", "bindings.components.ticks.metadata.schedule=@every 1s",
				"bindings.components.ticks.metadata.route=/cron-ticks" })
class KafkaRouteDeliveryTests {

	private static final EmbeddedKafkaKraftBroker broker = start();

	@Autowired
	Routes routes;

	private static EmbeddedKafkaKraftBroker start() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
		broker.afterPropertiesSet();
		broker.addTopics(new NewTopic("route-orders", 2, (short) 1));
		return broker;
	}

	@DynamicPropertySource
	static void brokers(DynamicPropertyRegistry registry) {
		registry.add("bindings.components.orders.metadata.brokers", broker::getBrokersAsString);
	}

	@AfterAll
	static void stop() {
		broker.destroy();
	}

	@Test
	void recordsArriveAtTheRouteNamedAfterTheComponentWithDaprdsHeaders() throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("route-orders", 1,
					"order-7".getBytes(StandardCharsets.UTF_8), "{\"id\":7}".getBytes(StandardCharsets.UTF_8));
			record.headers().add("correlation", "c-9".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(90)).until(() -> !this.routes.orders.isEmpty());
		Received order = this.routes.orders.get(0);
		assertThat(order.body()).isEqualTo("{\"id\":7}");
		assertThat(order.headers().getContentType()).hasToString("application/json");
		assertThat(order.headers().getFirst("__key")).isEqualTo("order-7");
		assertThat(order.headers().getFirst("__topic")).isEqualTo("route-orders");
		assertThat(order.headers().getFirst("__partition")).isEqualTo("1");
		assertThat(order.headers().getFirst("__offset")).isEqualTo("0");
		assertThat(order.headers().getFirst("__timestamp")).matches("\\d+");
		assertThat(order.headers().getFirst("correlation")).isEqualTo("c-9");
		assertThat(this.routes.probes).containsOnlyOnce("/orders", "/cron-ticks");
	}

	@Test
	void cronTicksArriveAtTheirRouteWithAnEmptyBody() {
		await().atMost(Duration.ofSeconds(60)).until(() -> this.routes.ticks.size() >= 2);
		Received tick = this.routes.ticks.get(0);
		assertThat(tick.body()).isEmpty();
		assertThat(tick.headers().getFirst("timezone")).isEqualTo("Local");
		assertThat(tick.headers().getFirst("readtimeutc")).endsWith(" +0000 UTC");
	}

	record Received(HttpHeaders headers, String body) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Routes routes() {
			return new Routes();
		}

	}

	@RestController
	static class Routes {

		final List<Received> orders = new CopyOnWriteArrayList<>();

		final List<Received> ticks = new CopyOnWriteArrayList<>();

		final List<String> probes = new CopyOnWriteArrayList<>();

		@PostMapping("/orders")
		void order(@RequestHeader HttpHeaders headers, @RequestBody String body) {
			this.orders.add(new Received(headers, body));
		}

		@PostMapping("/cron-ticks")
		void tick(@RequestHeader HttpHeaders headers, @RequestBody(required = false) String body) {
			this.ticks.add(new Received(headers, (body != null) ? body : ""));
		}

		@RequestMapping(path = { "/orders", "/cron-ticks" }, method = RequestMethod.OPTIONS)
		void probe(HttpServletRequest request) {
			this.probes.add(request.getRequestURI());
		}

	}

}
