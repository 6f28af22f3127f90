package dev.bindings.rabbitmq;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bindings.BindingException;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.RabbitMqBindingsAutoConfiguration;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code bindings.rabbitmq} against the local RabbitMQ server, read back with an
 * independent client.
 */
class RabbitMqOutputBindingTests {

	private static final String HOST = "amqp://guest:guest@127.0.0.1:5672";

	private DefaultOutputBindingRegistry registry;

	private CachingConnectionFactory reader;

	private String queue;

	@BeforeAll
	static void requireServer() {
		LocalServers.require("RabbitMQ", "127.0.0.1", 5672);
	}

	private DefaultBindingClient client(Map<String, String> extra) {
		this.queue = "bindings-test-" + UUID.randomUUID();
		Map<String, String> metadata = new java.util.HashMap<>(Map.of("host", HOST, "queueName", this.queue));
		metadata.putAll(extra);
		this.registry = new DefaultOutputBindingRegistry(List.of(new ComponentDefinition("queue", "bindings.rabbitmq",
				"v1", metadata, List.of(), false, null, "test")), List.of(new RabbitMqOutputBindingFactory()));
		return new DefaultBindingClient(this.registry, JsonMapper.builder().build()::writeValueAsBytes);
	}

	private Message receive() {
		this.reader = new CachingConnectionFactory(java.net.URI.create(HOST));
		Message message = new RabbitTemplate(this.reader).receive(this.queue, 10_000);
		assertThat(message).isNotNull();
		return message;
	}

	@AfterEach
	void close() {
		if (this.reader != null) {
			new RabbitAdmin(this.reader).deleteQueue(this.queue);
			this.reader.destroy();
		}
		if (this.registry != null) {
			this.registry.destroy();
		}
	}

	@Test
	void createPublishesPersistentTextWithMetadataAsHeaders() {
		DefaultBindingClient client = client(Map.of());
		assertThat(client.invoke("queue", "create", "hello", Map.of("tenant", "t1")).hasContent()).isFalse();
		Message message = receive();
		assertThat(new String(message.getBody())).isEqualTo("\"hello\"");
		assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(message.getMessageProperties().getContentType()).isEqualTo("text/plain");
		assertThat((Object) message.getMessageProperties().getHeader("tenant")).hasToString("t1");
	}

	@Test
	void requestMetadataSetsMessageProperties() {
		DefaultBindingClient client = client(Map.of("maxPriority", "5"));
		client.invoke("queue", "create", "x".getBytes(), Map.of("contentType", "application/json", "ttlInSeconds",
				"60", "Priority", "3", "messageID", "m-1", "correlationID", "c-1", "type", "order"));
		Message message = receive();
		assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
		assertThat(message.getMessageProperties().getExpiration()).isEqualTo("60000");
		assertThat(message.getMessageProperties().getPriority()).isEqualTo(3);
		assertThat(message.getMessageProperties().getMessageId()).isEqualTo("m-1");
		assertThat(message.getMessageProperties().getCorrelationId()).isEqualTo("c-1");
		assertThat(message.getMessageProperties().getType()).isEqualTo("order");
	}

	@Test
	void pingAnswers() {
		client(Map.of());
		assertThat(this.registry.ping("queue")).succeedsWithin(java.time.Duration.ofSeconds(10));
		this.reader = new CachingConnectionFactory(java.net.URI.create(HOST));
	}

	@Test
	void missingQueueNameFailsAtStartup() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new RabbitMqOutputBindingFactory().create(new ComponentDefinition("q",
					"bindings.rabbitmq", "v1", Map.of("host", HOST), List.of(), false, null, "test")))
			.withMessage("rabbitMQ binding error: missing RabbitMQ queue name");
	}

	@Test
	void wrongCredentialsFailAtStartupWithoutShowingThem() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> new RabbitMqOutputBindingFactory().create(new ComponentDefinition("q",
					"bindings.rabbitmq", "v1", Map.of("host", "amqp://guest:s3cret-pw@127.0.0.1:5672", "queueName",
							"never"),
					List.of(), false, null, "test")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret-pw"));
	}

	@Test
	void invalidTtlIsAnError() {
		DefaultBindingClient client = client(Map.of());
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("queue", "create", "x", Map.of("ttl", "later")))
			.withMessageContaining("invalid ttl");
		this.reader = new CachingConnectionFactory(java.net.URI.create(HOST));
	}

	@Test
	void autoConfigurationCreatesTheBinding() {
		String name = "bindings-test-" + UUID.randomUUID();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					RabbitMqBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.q.type=bindings.rabbitmq",
					"bindings.components.q.metadata.host=" + HOST, "bindings.components.q.metadata.queueName=" + name,
					"bindings.components.q.metadata.deleteWhenUnused=true")
			.run((context) -> assertThat(context).hasBean("q"));
	}

}
