package dev.bindings.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.input.UnprocessedEventRecorder;
import dev.bindings.rabbitmq.autoconfigure.RabbitMqBindingsAutoConfiguration;
import dev.bindings.test.Closing;
import dev.bindings.test.LocalServers;
import dev.bindings.test.RecordingHandler;
import dev.bindings.test.StartupFailures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.RecordingHandler.ready;
import static dev.bindings.test.RecordingHandler.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The input side of {@code bindings.rabbitmq} against the local RabbitMQ broker: messages
 * delivered in order with daprd's metadata, a message the application did not process
 * requeued (never dropped), and a stop that lets the delivery in flight finish and be
 * acknowledged.
 */
class RabbitMqInputBindingTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static CachingConnectionFactory publisherConnections;

	private static RabbitTemplate publisher;

	private static RabbitAdmin admin;

	private final String queue = "bindings-input-test-" + UUID.randomUUID();

	@BeforeAll
	static void requireServer() {
		LocalServers.require("RabbitMQ", "127.0.0.1", 5672);
		publisherConnections = new CachingConnectionFactory("127.0.0.1", 5672);
		publisherConnections.setUsername("guest");
		publisherConnections.setPassword("guest");
		publisher = new RabbitTemplate(publisherConnections);
		admin = new RabbitAdmin(publisherConnections);
	}

	@AfterAll
	static void closePublisher() {
		if (publisherConnections != null) {
			publisherConnections.destroy();
		}
	}

	private ApplicationContextRunner runner(String... metadata) {
		List<String> properties = new ArrayList<>(List.of("bindings.components-path=",
				"bindings.components.in.type=bindings.rabbitmq",
				"bindings.components.in.metadata.host=amqp://guest:guest@127.0.0.1:5672",
				"bindings.components.in.metadata.queueName=" + this.queue,
				"bindings.components.in.metadata.durable=true", "bindings.components.in.metadata.direction=input",
				"bindings.components.in.metadata.requeueDelay=50ms", "bindings.input.shutdown-timeout=20s"));
		for (String item : metadata) {
			properties.add("bindings.components.in.metadata." + item);
		}
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
							RabbitMqBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(RecordingHandler.class)
			.withPropertyValues(properties.toArray(String[]::new));
	}

	@Test
	void messagesArriveInOrderWithTheirStringHeadersAsMetadata() {
		try {
			runner().run((context) -> {
				RecordingHandler handler = ready(context);
				for (int i = 0; i < 5; i++) {
					publisher.send(this.queue,
							MessageBuilder.withBody(String.valueOf(i).getBytes(StandardCharsets.UTF_8))
								.setHeader("a b", "x")
								.setHeader("number", 5)
								.build());
				}
				await().atMost(WAIT).until(() -> handler.processed.size() >= 5);
				assertThat(values(handler.processed)).containsExactly("0", "1", "2", "3", "4");
				assertThat(handler.processed.get(0).metadata()).containsExactly(Map.entry("a+b", "x"));
			});
		}
		finally {
			admin.deleteQueue(this.queue);
		}
	}

	@Test
	void aMessageTheApplicationDidNotProcessIsRequeuedNotDropped() {
		AtomicInteger failures = new AtomicInteger();
		try {
			runner().run((context) -> {
				RecordingHandler handler = ready(context);
				handler.fail = (event) -> event.dataAsString().equals("poison") && failures.incrementAndGet() <= 2;
				publisher.send(this.queue, MessageBuilder.withBody("poison".getBytes(StandardCharsets.UTF_8)).build());
				publisher.send(this.queue, MessageBuilder.withBody("fine".getBytes(StandardCharsets.UTF_8)).build());
				await().atMost(WAIT).until(() -> handler.processed.size() >= 2);
				assertThat(values(handler.processed)).containsExactlyInAnyOrder("poison", "fine");
				assertThat(values(handler.attempts).stream().filter("poison"::equals)).hasSize(3);
			});
			assertThat(admin.getQueueInfo(this.queue).getMessageCount()).isZero();
		}
		finally {
			admin.deleteQueue(this.queue);
		}
	}

	@Test
	void afterMaxDeliveryAttemptsAMessageGoesToTheQueuesDeadLetterExchange() {
		String deadLetters = this.queue + "-dead";
		admin.declareQueue(new Queue(deadLetters, false, false, true));
		List<String> unprocessed = new CopyOnWriteArrayList<>();
		try {
			runner("maxDeliveryAttempts=3", "deadLetterExchange=amq.direct", "deadLetterRoutingKey=" + deadLetters)
				.withBean(UnprocessedEventRecorder.class,
						() -> (binding, type, disposition) -> unprocessed.add(disposition))
				.run((context) -> {
					admin.getRabbitTemplate()
						.execute((channel) -> channel.queueBind(deadLetters, "amq.direct", deadLetters));
					RecordingHandler handler = ready(context);
					handler.fail = (event) -> event.dataAsString().equals("poison");
					publisher.send(this.queue,
							MessageBuilder.withBody("poison".getBytes(StandardCharsets.UTF_8)).build());
					publisher.send(this.queue,
							MessageBuilder.withBody("fine".getBytes(StandardCharsets.UTF_8)).build());
					await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
					assertThat(values(handler.processed)).containsExactly("fine");
					assertThat(values(handler.attempts)).containsExactly("poison", "poison", "poison", "fine");
					Message deadLetter = publisher.receive(deadLetters, WAIT.toMillis());
					assertThat(deadLetter).isNotNull();
					assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).isEqualTo("poison");
					assertThat(unprocessed).containsExactly("dead-lettered");
				});
			assertThat(admin.getQueueInfo(this.queue).getMessageCount()).isZero();
		}
		finally {
			admin.deleteQueue(this.queue);
			admin.deleteQueue(deadLetters);
		}
	}

	@Test
	void stoppingLetsTheDeliveryInFlightFinishAndTheRestWaitsInTheQueue() {
		try {
			runner().run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				RecordingHandler.Gate gate = handler.blockOn("1");
				ready(context);
				for (int i = 0; i < 4; i++) {
					publisher.send(this.queue,
							MessageBuilder.withBody(String.valueOf(i).getBytes(StandardCharsets.UTF_8)).build());
				}
				gate.awaitEntered();
				Closing.closeReleasingTheDeliveryInFlight(context.getSourceApplicationContext(), "in", gate::release);
				assertThat(values(handler.processed)).containsExactly("0", "1");
			});
			runner().run((context) -> {
				RecordingHandler handler = ready(context);
				await().atMost(WAIT).until(() -> handler.processed.size() >= 2);
				assertThat(values(handler.processed)).containsExactly("2", "3");
			});
		}
		finally {
			admin.deleteQueue(this.queue);
		}
	}

	@Test
	void aQueueNameIsRequired() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
							RabbitMqBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.in.type=bindings.rabbitmq",
					"bindings.components.in.metadata.host=amqp://guest:guest@127.0.0.1:5672",
					"bindings.components.in.metadata.direction=input")
			.run((context) -> assertThat(StartupFailures.componentFailure(context).getMessage())
				.contains("missing queue Name"));
	}

}
