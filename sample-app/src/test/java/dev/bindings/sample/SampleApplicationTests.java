package dev.bindings.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.bindings.web.LocalDaprHttpPort;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart, end to end: the sample's {@code components/binding.yaml}, a broker on
 * {@code localhost:9092} (started here when none runs), the quickstart's request, and an
 * independent Kafka consumer reading what arrived.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private static final String BROKERS = "localhost:9092";

	@LocalServerPort
	int port;

	@LocalDaprHttpPort
	int daprPort;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void broker() throws Exception {
		SampleApplication.startLocalKafkaIfAbsent("localhost", 9092);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS))) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = Stream.of("topic1", "audit")
				.filter((topic) -> !existing.contains(topic))
				.map((topic) -> new NewTopic(topic, 1, (short) 1))
				.toList();
			admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void quickstartRequestPutsTheDataInTopic1() throws Exception {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			TopicPartition partition = new TopicPartition("topic1", 0);
			long start = endOffset(consumer, partition);
			HttpResponse<String> response = post("/v1.0/bindings/myevent",
					"{ \"data\": { \"message\": \"Hi!\" }, \"operation\": \"create\" }");
			assertThat(response.statusCode()).isEqualTo(204);
			assertThat(response.body()).isEmpty();
			assertThat(response.headers().firstValue("Content-Type")).isEmpty();
			List<ConsumerRecord<byte[], byte[]>> records = read(consumer, partition, start, 1);
			assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Hi!\"}");
		}
	}

	@Test
	void whatTheQuickstartSendsComesBackThroughTheInputBindingToTheAppsRoute() throws Exception {
		String message = "Hi " + UUID.randomUUID();
		HttpResponse<String> response = post("/v1.0/bindings/myevent",
				"{ \"data\": { \"message\": \"" + message + "\" }, \"operation\": \"create\" }");
		assertThat(response.statusCode()).isEqualTo(204);
		Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(this.http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/received")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).contains(message).contains("\"binding\":\"topic1-events\""));
	}

	@Test
	void orderEndpointSendsThroughBindingClientAndTheAuditBindingBean() throws Exception {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			TopicPartition topic1 = new TopicPartition("topic1", 0);
			TopicPartition audit = new TopicPartition("audit", 0);
			long topic1Start = endOffset(consumer, topic1);
			long auditStart = endOffset(consumer, audit);
			HttpResponse<String> response = post("/orders/42", "{\"item\":\"book\"}");
			assertThat(response.statusCode()).isEqualTo(202);
			ConsumerRecord<byte[], byte[]> order = read(consumer, topic1, topic1Start, 1).get(0);
			assertThat(new String(order.key(), StandardCharsets.UTF_8)).isEqualTo("42");
			assertThat(new String(order.value(), StandardCharsets.UTF_8)).contains("\"item\":\"book\"");
			ConsumerRecord<byte[], byte[]> line = read(consumer, audit, auditStart, 1).get(0);
			assertThat(new String(line.value(), StandardCharsets.UTF_8)).isEqualTo("order 42 placed");
		}
	}

	@Test
	void applicationsOwnBindingTypeAnswersOverTheDaprApi() throws Exception {
		HttpResponse<String> response = post("/v1.0/bindings/applog", "{\"operation\":\"create\",\"data\":\"hello\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("7");
		assertThat(response.headers().firstValue("metadata.logged")).hasValue("true");
	}

	@Test
	void theApplicationsPortServesItsRoutesButNotTheDaprApi() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/v1.0/bindings/applog"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"create\",\"data\":\"hello\"}"))
			.build();
		assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(404);
	}

	@Test
	void unknownBindingGetsDaprError() throws Exception {
		HttpResponse<String> response = post("/v1.0/bindings/nope", "{\"operation\":\"create\"}");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isEqualTo(
				"{\"errorCode\":\"ERR_INVOKE_OUTPUT_BINDING\",\"message\":\"error invoking output binding nope: couldn't find output binding nope\"}");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + (path.startsWith("/v1.0/") ? this.daprPort : this.port) + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static KafkaConsumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
	}

	private static long endOffset(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition) {
		Long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
		return (end != null) ? end : 0;
	}

	private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
			TopicPartition partition, long from, int count) {
		consumer.assign(List.of(partition));
		consumer.seek(partition, from);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (records.size() < count && System.nanoTime() < deadline) {
			consumer.poll(Duration.ofMillis(200)).records(partition).forEach(records::add);
		}
		assertThat(records).as("records read from " + partition).hasSizeGreaterThanOrEqualTo(count);
		return records;
	}

}
