package dev.bindings.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static dev.bindings.test.Bindings.component;
import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the {@code bindings.rabbitmq} binding against the local RabbitMQ broker, read
 * back with an independent client ({@code basic.get}).
 */
class RabbitMqOutputBindingTests {

	private static final String HOST = "amqp://guest:guest@127.0.0.1:5672";

	private static final String SECRET = "Pa55w0rd-Secret";

	private static final long RECEIVE_TIMEOUT = 10_000;

	private static CachingConnectionFactory readerConnectionFactory;

	private static RabbitTemplate reader;

	private static RabbitAdmin admin;

	private final RabbitMqOutputBindingFactory factory = new RabbitMqOutputBindingFactory();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final String queue = "bindings-test-" + UUID.randomUUID();

	@BeforeAll
	static void requireServer() {
		LocalServers.require("RabbitMQ", "127.0.0.1", 5672);
		readerConnectionFactory = new CachingConnectionFactory("127.0.0.1", 5672);
		readerConnectionFactory.setUsername("guest");
		readerConnectionFactory.setPassword("guest");
		reader = new RabbitTemplate(readerConnectionFactory);
		reader.setReceiveTimeout(RECEIVE_TIMEOUT);
		admin = new RabbitAdmin(readerConnectionFactory);
	}

	@AfterAll
	static void closeReader() {
		if (readerConnectionFactory != null) {
			readerConnectionFactory.destroy();
		}
	}

	@AfterEach
	void cleanUp() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		admin.deleteQueue(this.queue);
	}

	@Test
	void operationsAreDaprs() {
		assertThat(create(Map.of()).operations()).containsExactly("create");
	}

	@Test
	void createPublishesToTheQueueAsDaprDoesAndReturnsNothing() {
		BindingResponse response = invoke(create(Map.of()), "create", utf8("\"hello\""), Map.of("app", "orders"));
		assertThat(response.hasContent()).isFalse();
		Message message = receive();
		assertThat(message.getBody()).containsExactly(utf8("\"hello\""));
		MessageProperties properties = message.getMessageProperties();
		assertThat(properties.getReceivedExchange()).isEmpty();
		assertThat(properties.getReceivedRoutingKey()).isEqualTo(this.queue);
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(properties.getContentType()).isEqualTo("text/plain");
		assertThat(properties.getExpiration()).isNull();
		assertThat(properties.getMessageId()).isNull();
		assertThat(properties.getCorrelationId()).isNull();
		assertThat(properties.getType()).isNull();
		assertThat(headers(properties)).containsExactly(Map.entry("app", "orders"));
	}

	@Test
	void binaryDataIsPublishedUnchanged() {
		byte[] bytes = { 0, 1, (byte) 0xff, '"' };
		invoke(create(Map.of()), "create", bytes, Map.of());
		assertThat(receive().getBody()).containsExactly(bytes);
	}

	@Test
	void noDataPublishesAnEmptyMessage() {
		invoke(create(Map.of()), "create", null, Map.of());
		assertThat(receive().getBody()).isEmpty();
	}

	@Test
	void everyRequestMetadataEntryBecomesAHeader() {
		Map<String, String> metadata = Map.of("contentType", "application/json", "ttlInSeconds", "60", "priority", "3",
				"messageID", "m-1", "custom", "value");
		invoke(create(Map.of()), "create", utf8("{}"), metadata);
		assertThat(headers(receive().getMessageProperties())).containsExactlyInAnyOrderEntriesOf(metadata);
	}

	@Test
	void contentTypeRequestMetadataSetsTheContentType() {
		invoke(create(Map.of()), "create", utf8("{}"), Map.of("ContentType", "application/json"));
		assertThat(receive().getMessageProperties().getContentType()).isEqualTo("application/json");
	}

	@Test
	void ttlInSecondsSetsTheExpirationInMilliseconds() {
		invoke(create(Map.of()), "create", utf8("x"), Map.of("ttlInSeconds", "60"));
		assertThat(receive().getMessageProperties().getExpiration()).isEqualTo("60000");
	}

	@Test
	void ttlGoDurationSetsTheExpirationInMilliseconds() {
		invoke(create(Map.of()), "create", utf8("x"), Map.of("ttl", "1m30.5s"));
		assertThat(receive().getMessageProperties().getExpiration()).isEqualTo("90500");
	}

	@Test
	void invalidTtlFailsWithDaprMessage() {
		OutputBinding binding = create(Map.of());
		assertThat(failure(binding, "create", utf8("x"), Map.of("ttlInSeconds", "soon")))
			.isInstanceOf(InvocationFailedException.class)
			.hasMessage("failed to get TTL: ttl value must be a valid integer: actual is 'soon'");
		assertThat(failure(binding, "create", utf8("x"), Map.of("ttl", "-3")))
			.hasMessage("failed to get TTL: ttl value must be higher than zero: actual is '-3'");
	}

	@Test
	void priorityIsClampedTo0To255() {
		OutputBinding binding = create(Map.of("maxPriority", "10"));
		invoke(binding, "create", utf8("high"), Map.of("priority", "300"));
		invoke(binding, "create", utf8("low"), Map.of("priority", "-4"));
		// a priority queue hands out the highest priority first
		Message first = receive();
		Message second = receive();
		assertThat(first.getMessageProperties().getPriority()).isEqualTo(255);
		assertThat(second.getMessageProperties().getPriority()).isEqualTo(0);
	}

	@Test
	void invalidPriorityFailsWithDaprMessage() {
		assertThat(failure(create(Map.of()), "create", utf8("x"), Map.of("priority", "high")))
			.hasMessage("priority value must be a valid integer: actual is 'high'");
	}

	@Test
	void messageIdCorrelationIdAndTypeAreMatchedCaseInsensitively() {
		invoke(create(Map.of()), "create", utf8("x"),
				Map.of("MessageId", "m-42", "correlationid", "c-7", "TYPE", "order.created"));
		MessageProperties properties = receive().getMessageProperties();
		assertThat(properties.getMessageId()).isEqualTo("m-42");
		assertThat(properties.getCorrelationId()).isEqualTo("c-7");
		assertThat(properties.getType()).isEqualTo("order.created");
	}

	@Test
	void queueIsDeclaredAtStartupWithTheComponentSettings() {
		create(Map.of("durable", "true", "deleteWhenUnused", "false", "maxPriority", "300", "ttlInSeconds", "60"));
		assertThat(admin.getQueueInfo(this.queue)).isNotNull();
		// a declaration with the same settings is accepted, a different one refused
		Map<String, Object> arguments = Map.of("x-message-ttl", 60_000L, "x-max-priority", 255);
		assertThat(declare(true, arguments)).isTrue();
		assertThat(declare(false, arguments)).isFalse();
		assertThat(declare(true, Map.of("x-message-ttl", 60_000L, "x-max-priority", 10))).isFalse();
	}

	@Test
	void queueDefaultsToNotDurableWithoutArguments() {
		create(Map.of());
		assertThat(declare(false, Map.of())).isTrue();
	}

	@Test
	void exclusiveQueueBelongsToTheBindingsConnection() throws Exception {
		RabbitMqOutputBinding binding = (RabbitMqOutputBinding) create(Map.of("exclusive", "true"));
		invoke(binding, "create", utf8("x"), Map.of());
		// another connection may not use an exclusive queue
		assertThatExceptionOfType(AmqpException.class).isThrownBy(() -> reader.receive(this.queue, 0));
		binding.close();
		assertThat(admin.getQueueInfo(this.queue)).isNull();
	}

	@Test
	void aMessageTheBrokerRejectsFailsTheRequest() {
		OutputBinding binding = create(Map.of());
		invoke(binding, "create", utf8("before"), Map.of());
		// the same name, now a queue that rejects every message: the broker nacks them
		admin.deleteQueue(this.queue);
		assertThat(declare(false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"))).isTrue();
		Throwable failure = failure(binding, "create", utf8("x"), Map.of());
		assertThat(failure).isInstanceOf(InvocationFailedException.class)
			.hasMessageStartingWith("failed to publish message: the broker did not confirm the message");
	}

	@Test
	void aMessageTheClientCannotEncodeFailsTheRequest() {
		OutputBinding binding = create(Map.of());
		// content type is an AMQP short string, 255 bytes at most
		Throwable failure = failure(binding, "create", utf8("x"), Map.of("contentType", "x".repeat(300)));
		assertThat(failure).isInstanceOf(InvocationFailedException.class)
			.hasMessageStartingWith("failed to publish message: ");
		invoke(binding, "create", utf8("after"), Map.of());
		assertThat(receive().getBody()).containsExactly(utf8("after"));
	}

	@Test
	void pingAnswersWhileTheQueueExists() {
		OutputBinding binding = create(Map.of());
		assertThat(binding.ping()).succeedsWithin(Duration.ofSeconds(30));
		admin.deleteQueue(this.queue);
		assertThat(binding.ping()).failsWithin(Duration.ofSeconds(30));
	}

	@Test
	void bindingFailsClearlyAfterClose() throws Exception {
		RabbitMqOutputBinding binding = (RabbitMqOutputBinding) create(Map.of());
		invoke(binding, "create", utf8("x"), Map.of());
		binding.close();
		assertThat(failure(binding, "create", utf8("x"), Map.of())).hasMessage("channel/connection is not open");
	}

	@Test
	void missingHostFailsNamingTheKey() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("host");
		assertThatIllegalArgumentException().isThrownBy(() -> createWith(metadata))
			.withMessageStartingWith("missing host address")
			.withMessageContaining("host");
	}

	@Test
	void missingQueueNameFailsNamingTheKey() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("queueName");
		assertThatIllegalArgumentException().isThrownBy(() -> createWith(metadata))
			.withMessage("missing queue Name: set queueName");
	}

	@Test
	void metadataKeysMatchCaseInsensitively() {
		Map<String, String> metadata = new HashMap<>(Map.of("HOST", HOST, "QueueName", this.queue));
		invoke(createWith(metadata), "create", utf8("x"), Map.of());
		assertThat(receive().getBody()).containsExactly(utf8("x"));
	}

	@Test
	void invalidHostFailsWithoutTheUri() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("host", "http://guest:" + SECRET + "@127.0.0.1:5672")))
			.withMessage("invalid host: not an amqp:// or amqps:// URI");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("host", "amqp://guest:" + SECRET + "@127.0.0.1:5672/%zz")))
			.withMessageStartingWith("invalid host: ")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void invalidMaxPriorityFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("maxPriority", "high")))
			.withMessage("can't parse maxPriority field: not an unsigned integer");
	}

	@Test
	void invalidQueueTtlFailsWithoutTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("ttl", "s" + SECRET)))
			.withMessageStartingWith("failed to parse TTL: ")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void tlsFilesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("caCert", SECRET)))
			.withMessageStartingWith("caCert is not supported")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void unreachableBrokerFailsTheComponentWithoutThePassword() {
		assertThatIllegalStateException()
			.isThrownBy(() -> create(Map.of("host", "amqp://guest:" + SECRET + "@127.0.0.1:1")))
			.withMessageStartingWith("rabbitmq binding: can't declare queue '" + this.queue + "': ")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void wrongPasswordFailsTheComponentWithoutThePassword() {
		assertThatIllegalStateException()
			.isThrownBy(() -> create(Map.of("host", "amqp://guest:" + SECRET + "@127.0.0.1:5672")))
			.withMessageContaining("ACCESS_REFUSED")
			.withMessageNotContaining(SECRET);
	}

	private Message receive() {
		Message message = reader.receive(this.queue, RECEIVE_TIMEOUT);
		assertThat(message).as("message in queue %s", this.queue).isNotNull();
		return message;
	}

	private static Map<String, String> headers(MessageProperties properties) {
		Map<String, String> headers = new HashMap<>();
		properties.getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
		return headers;
	}

	private boolean declare(boolean durable, Map<String, Object> arguments) {
		try {
			readerConnectionFactory.createConnection()
				.createChannel(false)
				.queueDeclare(this.queue, durable, false, false, arguments);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private Map<String, String> metadata(Map<String, String> overrides) {
		Map<String, String> metadata = new HashMap<>();
		metadata.put("host", HOST);
		metadata.put("queueName", this.queue);
		metadata.putAll(overrides);
		return metadata;
	}

	private OutputBinding create(Map<String, String> overrides) {
		return createWith(metadata(overrides));
	}

	private OutputBinding createWith(Map<String, String> metadata) {
		OutputBinding binding = this.factory.create(component("rabbit", "bindings.rabbitmq", metadata));
		this.resources.add((AutoCloseable) binding);
		return binding;
	}

}
