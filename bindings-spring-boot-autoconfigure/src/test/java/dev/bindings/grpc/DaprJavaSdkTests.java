package dev.bindings.grpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.web.LocalDaprHttpPort;
import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.client.domain.ComponentMetadata;
import io.dapr.client.domain.DaprMetadata;
import io.dapr.client.domain.InvokeBindingRequest;
import io.dapr.config.Properties;
import io.dapr.exceptions.DaprErrorDetails;
import io.dapr.exceptions.DaprException;
import io.dapr.utils.TypeRef;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The official Dapr Java SDK, gRPC only since 1.12, pointed at the application instead of
 * a sidecar: {@code orders} is a Kafka binding on an embedded KRaft broker, read back
 * with an independent consumer; {@code echo} answers {@code get} with the data it
 * received.
 */
@SpringBootTest(classes = DaprJavaSdkTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "bindings.components.orders.type=bindings.kafka",
				"bindings.components.orders.metadata.brokers=${spring.embedded.kafka.brokers}",
				"bindings.components.orders.metadata.publishTopic=" + DaprJavaSdkTests.TOPIC,
				"bindings.components.echo.type=bindings.test.echo" })
// the broker's address goes to a system property: not Boot's
// spring.kafka.bootstrap-servers,
// which would become the default brokers of every test's Kafka components in this JVM
@EmbeddedKafka(topics = DaprJavaSdkTests.TOPIC, partitions = 1,
		bootstrapServersProperty = "spring.embedded.kafka.brokers")
class DaprJavaSdkTests {

	static final String TOPIC = "orders";

	@Autowired
	DaprGrpcServer server;

	@LocalDaprHttpPort
	int httpPort;

	@Value("${spring.embedded.kafka.brokers}")
	String brokers;

	private DaprClient client;

	@BeforeEach
	void buildClient() {
		// the SDK sends a token; the application checks none here, and must not pass it
		// on
		this.client = new DaprClientBuilder()
			.withPropertyOverride(Properties.GRPC_PORT, String.valueOf(this.server.getPort()))
			.withPropertyOverride(Properties.HTTP_PORT, String.valueOf(this.httpPort))
			.withPropertyOverride(Properties.API_TOKEN, "sdk-token")
			.build();
	}

	@AfterEach
	void closeClient() throws Exception {
		this.client.close();
	}

	@Test
	void waitForSidecarSucceedsAgainstTheApplication() {
		this.client.waitForSidecar(10_000).block(Duration.ofSeconds(30));
	}

	@Test
	void getMetadataListsTheComponents() {
		DaprMetadata metadata = this.client.getMetadata().block(Duration.ofSeconds(30));
		assertThat(metadata).isNotNull();
		assertThat(metadata.getRuntimeVersion()).isNotEmpty();
		assertThat(metadata.getAttributes()).containsEntry("daprRuntimeVersion", metadata.getRuntimeVersion());
		assertThat(metadata.getComponents())
			.extracting(ComponentMetadata::getName, ComponentMetadata::getType, ComponentMetadata::getVersion,
					ComponentMetadata::getCapabilities)
			.containsExactly(tuple("orders", "bindings.kafka", "v1", List.of("OUTPUT_BINDING")),
					tuple("echo", "bindings.test.echo", "v1", List.of("OUTPUT_BINDING")));
	}

	@Test
	void stringDataArrivesInKafkaAsAJsonStringWithKeyAndHeaders() throws Exception {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			long start = endOffset(consumer);
			InvokeBindingRequest request = new InvokeBindingRequest("orders", "create").setData("hello")
				.setMetadata(Map.of("partitionKey", "order-1", "x-tenant", "acme"));
			this.client.invokeBinding(request).block(Duration.ofSeconds(30));
			ConsumerRecord<byte[], byte[]> record = read(consumer, start);
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("\"hello\"");
			assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("order-1");
			Map<String, String> headers = headers(record);
			assertThat(headers).containsEntry("partitionKey", "order-1")
				.containsEntry("x-tenant", "acme")
				.containsEntry("dapr-authority", "127.0.0.1:" + this.server.getPort())
				.containsKey("user-agent")
				.doesNotContainKeys("dapr-api-token", "content-type");
			assertThat(headers.keySet()).noneMatch((key) -> key.endsWith("-bin"));
			assertThat(headers.get("user-agent")).contains("grpc-java");
		}
	}

	@Test
	void byteArrayDataArrivesInKafkaUnchanged() throws Exception {
		byte[] bytes = { 0, 1, (byte) 0xfe, (byte) 0xff, '"' };
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			long start = endOffset(consumer);
			this.client.invokeBinding("orders", "create", bytes, Map.of("partitionKey", "order-2"))
				.block(Duration.ofSeconds(30));
			ConsumerRecord<byte[], byte[]> record = read(consumer, start);
			assertThat(record.value()).isEqualTo(bytes);
			assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("order-2");
		}
	}

	@Test
	void noDataIsATombstone() throws Exception {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			long start = endOffset(consumer);
			InvokeBindingRequest request = new InvokeBindingRequest("orders", "create")
				.setMetadata(Map.of("partitionKey", "order-3"));
			this.client.invokeBinding(request).block(Duration.ofSeconds(30));
			ConsumerRecord<byte[], byte[]> record = read(consumer, start);
			assertThat(record.value()).isNull();
			assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("order-3");
		}
	}

	@Test
	void bindingThatReturnsDataGivesATypedResponse() {
		Order order = this.client.invokeBinding("echo", "get", new Order("o-1", 3), TypeRef.get(Order.class))
			.block(Duration.ofSeconds(30));
		assertThat(order).isEqualTo(new Order("o-1", 3));
		String text = this.client.invokeBinding("echo", "get", "hi", String.class).block(Duration.ofSeconds(30));
		assertThat(text).isEqualTo("hi");
	}

	@Test
	void unknownBindingFailsWithDaprsErrorCodeMessageAndReason() {
		assertThatExceptionOfType(DaprException.class)
			.isThrownBy(() -> this.client.invokeBinding("nope", "create", "x").block(Duration.ofSeconds(30)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("INTERNAL");
				assertThat(ex.getMessage())
					.isEqualTo("INTERNAL: error invoking output binding nope: couldn't find output binding nope");
				assertThat(
						ex.getErrorDetails().get(DaprErrorDetails.ErrorDetailType.ERROR_INFO, "reason", TypeRef.STRING))
					.isEqualTo("ERR_INVOKE_OUTPUT_BINDING");
				assertThat(
						ex.getErrorDetails().get(DaprErrorDetails.ErrorDetailType.ERROR_INFO, "domain", TypeRef.STRING))
					.isEqualTo("dapr.io");
			});
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties);
		consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
		return consumer;
	}

	private static long endOffset(KafkaConsumer<byte[], byte[]> consumer) {
		TopicPartition partition = new TopicPartition(TOPIC, 0);
		return consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
	}

	private static ConsumerRecord<byte[], byte[]> read(KafkaConsumer<byte[], byte[]> consumer, long offset) {
		consumer.seek(new TopicPartition(TOPIC, 0), offset);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (records.isEmpty() && System.nanoTime() < deadline) {
			consumer.poll(Duration.ofMillis(500)).forEach(records::add);
		}
		assertThat(records).as("records from offset %d", offset).hasSize(1);
		return records.get(0);
	}

	private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	/**
	 * A data type for the typed response.
	 *
	 * @param id the order id
	 * @param quantity the quantity
	 */
	record Order(String id, int quantity) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		EchoBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

	}

}
