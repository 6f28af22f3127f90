package dev.bindings.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.bindings.web.LocalDaprHttpPort;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart's unchanged component files pointed at spring-kafka-test's embedded
 * broker with {@code bindings.kafka.brokers-override}: how an app tests its real Kafka
 * bindings, output and input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.kafka.brokers-override=${spring.embedded.kafka.brokers}",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}" })
@EmbeddedKafka(topics = { "topic1", "audit" }, bootstrapServersProperty = "spring.embedded.kafka.brokers")
class EmbeddedKafkaQuickstartTests {

	@LocalDaprHttpPort
	int port;

	@LocalServerPort
	int appPort;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void quickstartRecordLandsInTheEmbeddedBroker() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/v1.0/bindings/myevent"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{ \"data\": { \"message\": \"Hi!\" }, \"operation\": \"create\" }"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(204);
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "quickstart-test", true);
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			this.broker.consumeFromAnEmbeddedTopic(consumer, "topic1");
			ConsumerRecord<byte[], byte[]> record = KafkaTestUtils.getSingleRecord(consumer, "topic1",
					Duration.ofSeconds(30));
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Hi!\"}");
		}
		// and back through the topic1-events input binding, to the app's route
		Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.appPort + "/received")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).contains("\"binding\":\"topic1-events\"").contains("{\\\"message\\\":\\\"Hi!\\\"}"));
	}

}
