package dev.bindings.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.component.ComponentDefinition;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link KafkaOutputBinding}, created through {@link KafkaOutputBindingFactory}
 * from a component definition, against a real (embedded KRaft) broker. Records are read
 * back with an independent consumer.
 */
class KafkaOutputBindingTests {

	private static final AtomicInteger topics = new AtomicInteger();

	private static EmbeddedKafkaKraftBroker broker;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private String testName = "test";

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@BeforeEach
	void rememberTestName(TestInfo info) {
		this.testName = info.getTestMethod().map((method) -> method.getName()).orElse("test");
	}

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	// value

	@Test
	void valueIsTheDataBytesExactlyAsSent() {
		String topic = topic(1);
		byte[] data = { '{', 0, (byte) 0xff, (byte) 0xc3, (byte) 0x28, '}' };
		send(binding(topic), data, Map.of());
		assertThat(readOne(topic).value()).isEqualTo(data);
	}

	@Test
	void noDataProducesATombstone() {
		String topic = topic(1);
		send(binding(topic), null, Map.of());
		assertThat(readOne(topic).value()).isNull();
	}

	@Test
	void dataThatIsTheJsonNullProducesATombstone() {
		String topic = topic(1);
		send(binding(topic), bytes("null"), Map.of());
		assertThat(readOne(topic).value()).isNull();
	}

	@Test
	void dataThatIsOnlyLikeTheJsonNullIsSentAsIs() {
		String topic = topic(1);
		KafkaOutputBinding binding = binding(topic);
		send(binding, bytes("\"null\""), Map.of());
		send(binding, bytes("null "), Map.of());
		assertThat(readAll(topic, 2)).extracting(ConsumerRecord::value)
			.containsExactly(bytes("\"null\""), bytes("null "));
	}

	@Test
	void emptyDataIsAnEmptyValueNotATombstone() {
		String topic = topic(1);
		send(binding(topic), new byte[0], Map.of());
		assertThat(readOne(topic).value()).isEmpty();
	}

	// key

	@Test
	void partitionKeyMetadataBecomesTheRecordKey() {
		String topic = topic(1);
		send(binding(topic), bytes("{}"), Map.of("partitionKey", "order-123"));
		assertThat(readOne(topic).key()).isEqualTo(bytes("order-123"));
	}

	@Test
	void doubleUnderscoreKeyMetadataBecomesTheRecordKey() {
		String topic = topic(1);
		send(binding(topic), bytes("{}"), Map.of("__key", "order-456"));
		assertThat(readOne(topic).key()).isEqualTo(bytes("order-456"));
	}

	@Test
	void keyMetadataIsOnlyAHeaderAndDoesNotSetTheRecordKey() {
		String topic = topic(1);
		send(binding(topic), bytes("{}"), Map.of("key", "redis-key-1"));
		ConsumerRecord<byte[], byte[]> record = readOne(topic);
		assertThat(record.key()).isNull();
		assertThat(headers(record)).containsExactly(entry("key", "redis-key-1"));
	}

	@Test
	void partitionKeyMetadataIsMatchedWithExactCase() {
		String topic = topic(1);
		send(binding(topic), bytes("{}"), Map.of("partitionkey", "k1", "__KEY", "k2"));
		assertThat(readOne(topic).key()).isNull();
	}

	@Test
	void withoutKeyMetadataTheRecordKeyIsNull() {
		String topic = topic(1);
		send(binding(topic), bytes("{}"), Map.of("correlationId", "c-9"));
		assertThat(readOne(topic).key()).isNull();
	}

	@Test
	void emptyPartitionKeyIsAnEmptyKeyNotANullKey() {
		String topic = topic(6);
		send(binding(topic), bytes("{}"), Map.of("partitionKey", ""));
		ConsumerRecord<byte[], byte[]> record = readOne(topic);
		assertThat(record.key()).isEmpty();
		assertThat(record.partition()).isEqualTo(3);
	}

	// headers

	@Test
	void everyMetadataEntryBecomesAHeader() {
		String topic = topic(1);
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("partitionKey", "k1");
		metadata.put("correlationId", "c-9");
		metadata.put("key", "not-the-key");
		metadata.put("topic", "ignored-topic");
		metadata.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		metadata.put("contentType", "application/json");
		metadata.put("unicode", "h\u00e9llo \u2603");
		send(binding(topic), bytes("{}"), metadata);
		assertThat(headers(readOne(topic))).containsExactlyInAnyOrderEntriesOf(metadata);
	}

	@Test
	void topicMetadataDoesNotChangeTheTopic() {
		String topic = topic(1);
		String other = topic(1);
		send(binding(topic), bytes("{}"), Map.of("topic", other));
		assertThat(readOne(topic).topic()).isEqualTo(topic);
		assertThat(endOffset(other)).isZero();
	}

	@Test
	void noMetadataMeansNoHeaders() {
		String topic = topic(1);
		send(binding(topic), bytes("{}"), Map.of());
		assertThat(readOne(topic).headers().toArray()).isEmpty();
	}

	@Test
	void excludeHeaderMetaRegexLeavesOutMatchingKeysWithAnUnanchoredMatch() {
		String topic = topic(1);
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("traceparent", "00-1-2-01");
		metadata.put("x-tracestate", "a=b");
		metadata.put("correlationId", "c-9");
		metadata.put("TRACE", "upper case does not match");
		send(binding(topic, "excludeHeaderMetaRegex", "trace"), bytes("{}"), metadata);
		assertThat(headers(readOne(topic))).containsOnly(entry("correlationId", "c-9"),
				entry("TRACE", "upper case does not match"));
	}

	@Test
	void excludedMetadataStillSetsTheKeyAndPartition() {
		String topic = topic(3);
		send(binding(topic, "excludeHeaderMetaRegex", "^(partitionKey|partitionNumber)$"), bytes("{}"),
				Map.of("partitionKey", "k1", "partitionNumber", "1", "correlationId", "c-9"));
		ConsumerRecord<byte[], byte[]> record = readOne(topic);
		assertThat(record.key()).isEqualTo(bytes("k1"));
		assertThat(record.partition()).isEqualTo(1);
		assertThat(headers(record)).containsOnly(entry("correlationId", "c-9"));
	}

	// partition

	@ParameterizedTest(name = "\"{0}\" goes to partition {1} of 6")
	@CsvSource(delimiter = '|', textBlock = """
			key1          | 5
			order-123     | 0
			partition-key | 3
			a             | 0
			""")
	void keyedRecordGoesToTheFnvPartitionOfASixPartitionTopic(String key, int partition) {
		String topic = topic(6);
		send(binding(topic), bytes("{}"), Map.of("partitionKey", key));
		assertThat(readOne(topic).partition()).isEqualTo(partition);
	}

	@ParameterizedTest(name = "\"{0}\" goes to partition {1} of 12")
	@CsvSource(delimiter = '|', textBlock = """
			key1          | 11
			order-123     | 6
			partition-key | 3
			a             | 0
			""")
	void keyedRecordGoesToTheFnvPartitionOfATwelvePartitionTopic(String key, int partition) {
		String topic = topic(12);
		send(binding(topic), bytes("{}"), Map.of("__key", key));
		assertThat(readOne(topic).partition()).isEqualTo(partition);
	}

	@Test
	void partitionNumberChoosesThePartitionOverTheKeysHash() {
		String topic = topic(6);
		send(binding(topic), bytes("{}"), Map.of("partitionKey", "key1", "partitionNumber", "2"));
		ConsumerRecord<byte[], byte[]> record = readOne(topic);
		assertThat(record.partition()).isEqualTo(2);
		assertThat(record.key()).isEqualTo(bytes("key1"));
	}

	@Test
	void partitionNumberWithASignIsAccepted() {
		String topic = topic(3);
		send(binding(topic), bytes("{}"), Map.of("partitionNumber", "+1"));
		assertThat(readOne(topic).partition()).isEqualTo(1);
	}

	@Test
	void partitionNumberThatIsNotANumberFailsTheFuture() {
		assertSendFails(binding(topic(3)), Map.of("partitionNumber", "x"),
				"invalid partitionNumber metadata value \"x\": strconv.ParseInt: parsing \"x\": invalid syntax");
	}

	@Test
	void partitionNumberWithNonAsciiDigitsFailsTheFutureAsInGo() {
		assertSendFails(binding(topic(3)), Map.of("partitionNumber", "\u0661"),
				"invalid partitionNumber metadata value \"\u0661\": "
						+ "strconv.ParseInt: parsing \"\u0661\": invalid syntax");
	}

	@Test
	void partitionNumberBeyondInt32FailsTheFuture() {
		assertSendFails(binding(topic(3)), Map.of("partitionNumber", "2147483648"),
				"invalid partitionNumber metadata value \"2147483648\": strconv.ParseInt: parsing \"2147483648\": "
						+ "value out of range");
	}

	@Test
	void negativePartitionNumberFailsTheFuture() {
		assertSendFails(binding(topic(3)), Map.of("partitionNumber", "-1"),
				"partitionNumber must be non-negative, got -1");
	}

	@Test
	void partitionNumberOutOfRangeFailsTheFuture() {
		assertSendFails(binding(topic(3)), Map.of("partitionNumber", "7"),
				"partition number 7 is out of range, topic has 3 partitions");
	}

	@Test
	void invalidPartitionNumberSendsNothing() {
		String topic = topic(3);
		KafkaOutputBinding binding = binding(topic);
		assertThat(binding.invoke(new BindingRequest("create", bytes("{}"), Map.of("partitionNumber", "3"))))
			.failsWithin(Duration.ofSeconds(30));
		assertThat(endOffset(topic)).isZero();
	}

	// delivery

	@Test
	void futureCompletesOnlyOnceTheBrokerHasTheRecord() {
		String topic = topic(1);
		BindingResponse response = binding(topic).invoke(new BindingRequest("create", bytes("{\"a\":1}"), Map.of()))
			.join();
		assertThat(response.hasContent()).isFalse();
		// no waiting: the record is already in the partition's log
		assertThat(endOffset(topic)).isEqualTo(1);
		assertThat(readOne(topic).value()).isEqualTo(bytes("{\"a\":1}"));
	}

	@Test
	void unreachableBrokerFailsTheFutureWithinABoundedTime() throws Exception {
		KafkaOutputBinding binding = create(component(
				Map.of("brokers", "localhost:" + closedPort(), "publishTopic", "nowhere", "authType", "none")));
		CompletableFuture<BindingResponse> future = binding
			.invoke(new BindingRequest("create", bytes("{}"), Map.of("partitionKey", "k")));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
			.withMessageContaining("not present in metadata after 5000 ms");
	}

	@Test
	void unreachableBrokerFailsTheFutureOfASendToAPartitionNumber() throws Exception {
		KafkaOutputBinding binding = create(component(Map.of("brokers", "localhost:" + closedPort(), "publishTopic",
				"nowhere", "authType", "none", "metadataTimeout", "1s")));
		CompletableFuture<BindingResponse> future = binding
			.invoke(new BindingRequest("create", bytes("{}"), Map.of("partitionNumber", "0")));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
	}

	@Test
	void recordLargerThanMaxMessageBytesFailsTheFuture() {
		String topic = topic(1);
		KafkaOutputBinding binding = binding(topic, "maxMessageBytes", "1024");
		CompletableFuture<BindingResponse> future = binding
			.invoke(new BindingRequest("create", new byte[4096], Map.of()));
		assertThat(future).failsWithin(Duration.ofSeconds(30))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(org.apache.kafka.common.errors.RecordTooLargeException.class);
		assertThat(endOffset(topic)).isZero();
	}

	// producer settings that reach a real producer

	@Test
	void producerRetryMaxOfZeroGivesAWorkingProducer() {
		String topic = topic(1);
		send(binding(topic, "producerRetryMax", "0"), bytes("{}"), Map.of());
		assertThat(readOne(topic).value()).isEqualTo(bytes("{}"));
	}

	@Test
	void producerRequiredAcksLocalGivesAWorkingProducer() {
		String topic = topic(1);
		send(binding(topic, "producerRequiredAcks", "local"), bytes("{}"), Map.of());
		assertThat(readOne(topic).value()).isEqualTo(bytes("{}"));
	}

	@Test
	void readTimeoutLongerThanTheDeliveryTimeoutGivesAWorkingProducer() {
		String topic = topic(1);
		send(binding(topic, "readTimeout", "30s"), bytes("{}"), Map.of());
		assertThat(readOne(topic).value()).isEqualTo(bytes("{}"));
	}

	@Test
	void compressedRecordsArriveIntact() {
		String topic = topic(1);
		KafkaOutputBinding binding = binding(topic, "compression", "zstd");
		send(binding, bytes("compressed ".repeat(100)), Map.of());
		assertThat(readOne(topic).value()).isEqualTo(bytes("compressed ".repeat(100)));
	}

	@Test
	void clientIdIsTheProducersClientId() {
		KafkaOutputBinding binding = binding(topic(1), "clientId", "orders-app");
		assertThat(binding.getTemplate().getProducerFactory().getConfigurationProperties()).containsEntry("client.id",
				"orders-app");
	}

	// lifecycle

	@Test
	void operationsAreOnlyCreate() {
		assertThat(binding(topic(1)).operations()).containsExactly("create");
	}

	@Test
	void closeCanBeCalledTwice() {
		KafkaOutputBinding binding = binding(topic(1));
		binding.close();
		binding.close();
	}

	@Test
	void bindingSendsToThePublishTopic() {
		String topic = topic(1);
		KafkaOutputBinding binding = binding(topic);
		assertThat(binding.getTopic()).isEqualTo(topic);
	}

	// helpers

	private String topic(int partitions) {
		String name = "t" + topics.incrementAndGet() + "-" + this.testName;
		broker.addTopics(new NewTopic(name, partitions, (short) 1));
		return name;
	}

	private KafkaOutputBinding binding(String topic, String... keyValues) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("brokers", broker.getBrokersAsString());
		metadata.put("publishTopic", topic);
		metadata.put("authType", "none");
		for (int i = 0; i < keyValues.length; i += 2) {
			metadata.put(keyValues[i], keyValues[i + 1]);
		}
		return create(component(metadata));
	}

	private static ComponentDefinition component(Map<String, String> metadata) {
		return new ComponentDefinition("kafka-out", "bindings.kafka", "v1", metadata, List.of(), false, null, "test");
	}

	private KafkaOutputBinding create(ComponentDefinition component) {
		KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(Map.of(), null, List.of());
		KafkaOutputBinding binding = (KafkaOutputBinding) factory.create(component);
		this.closeables.add(binding);
		return binding;
	}

	private static void send(KafkaOutputBinding binding, byte[] data, Map<String, String> metadata) {
		binding.invoke(new BindingRequest("create", data, metadata)).join();
	}

	private static void assertSendFails(KafkaOutputBinding binding, Map<String, String> metadata, String message) {
		CompletableFuture<BindingResponse> future = binding.invoke(new BindingRequest("create", bytes("{}"), metadata));
		assertThat(future).failsWithin(Duration.ofSeconds(30))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessage(message);
	}

	private ConsumerRecord<byte[], byte[]> readOne(String topic) {
		return readAll(topic, 1).get(0);
	}

	/**
	 * Read a topic from the beginning until the expected number of records arrived (or a
	 * bounded wait passed), then check that no more arrive with a last short poll.
	 */
	private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			consumer.poll(Duration.ofMillis(50)).forEach(records::add);
			assertThat(records).as("records of " + topic).hasSize(expected);
			return records;
		}
	}

	private long endOffset(String topic) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	private static KafkaConsumer<byte[], byte[]> consumer() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// an empty partition answers a fetch only after this wait: keep reads quick
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			assertThat(headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)))
				.as("duplicate header " + header.key())
				.isNull();
		}
		return headers;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
