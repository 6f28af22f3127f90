package dev.bindings.mqtt3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bindings.BindingEvent;
import dev.bindings.BindingListener;
import dev.bindings.InputBinding;
import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.input.InputBindingState;
import dev.bindings.input.InputBindingStatus;
import dev.bindings.input.UnprocessedEventRecorder;
import dev.bindings.mqtt3.autoconfigure.Mqtt3BindingsAutoConfiguration;
import dev.bindings.registry.OutputBindingRegistry;
import dev.bindings.registry.RuntimeMetadata;
import dev.bindings.test.Closing;
import dev.bindings.test.LocalServers;
import dev.bindings.test.RecordingHandler;
import dev.bindings.test.StartupFailures;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.bindings.test.Bindings.component;
import static dev.bindings.test.RecordingHandler.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The input side of {@code bindings.mqtt3} against the local Mosquitto broker: messages
 * delivered with daprd's {@code topic} metadata, acknowledged after the application
 * processed them (not delivered again to the same persistent session), a failed message
 * delivered again in place and skipped, reported and acknowledged when the retries are
 * used up, a stop that lets the delivery in flight finish, a pause that loses nothing,
 * and daprd's direction rules. Handlers are {@link BindingListener} methods; messages are
 * published by an independent client.
 */
@ExtendWith(OutputCaptureExtension.class)
class Mqtt3InputBindingTests {

	private static final String URL = "tcp://127.0.0.1:1883";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static MqttClient publisher;

	private final String topic = "bindings/input-test/" + UUID.randomUUID();

	private final String consumerId = "bindings-input-test-" + UUID.randomUUID();

	@BeforeAll
	static void connectPublisher() throws Exception {
		LocalServers.require("Mosquitto", "127.0.0.1", 1883);
		publisher = new MqttClient(URL, "bindings-input-test-pub-" + UUID.randomUUID(), new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		publisher.connect(options);
	}

	@AfterAll
	static void disconnectPublisher() throws Exception {
		if (publisher != null) {
			publisher.disconnect();
			publisher.close();
		}
	}

	private ApplicationContextRunner runner(String... metadata) {
		List<String> properties = new ArrayList<>(List.of("bindings.components-path=",
				"bindings.components.in.type=bindings.mqtt3", "bindings.components.in.metadata.url=" + URL,
				"bindings.components.in.metadata.topic=" + this.topic,
				"bindings.components.in.metadata.consumerID=" + this.consumerId,
				"bindings.components.in.metadata.direction=input",
				"bindings.components.in.metadata.backOffDuration=50ms", "bindings.input.shutdown-timeout=20s"));
		for (String item : metadata) {
			properties.add("bindings.components.in.metadata." + item);
		}
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
							Mqtt3BindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(RecordingHandler.class, RecordingFactoryConfiguration.class)
			.withPropertyValues(properties.toArray(String[]::new));
	}

	// delivery

	@Test
	void messagesArriveInOrderWithTheirBytesAndTheirOwnTopicAsMetadata() {
		runner("topic=" + this.topic + "/+").run((context) -> {
			RecordingHandler handler = ready(context);
			byte[] binary = { 0, 1, (byte) 0xff, '"' };
			publish(this.topic + "/a", binary);
			publish(this.topic + "/b", "1");
			publish(this.topic + "/a", "2");
			await().atMost(WAIT).until(() -> handler.processed.size() >= 3);
			assertThat(handler.processed.get(0).data()).containsExactly(binary);
			assertThat(values(handler.processed).subList(1, 3)).containsExactly("1", "2");
			assertThat(handler.processed).extracting(BindingEvent::metadata)
				.containsExactly(Map.of("topic", this.topic + "/a"), Map.of("topic", this.topic + "/b"),
						Map.of("topic", this.topic + "/a"));
		});
	}

	@Test
	void aProcessedMessageIsAcknowledgedAndNotDeliveredAgainToTheSameSession() {
		runner().run((context) -> {
			RecordingHandler handler = ready(context);
			publish(this.topic, "once");
			await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
		});
		assertNothingDeliveredAgain();
	}

	@Test
	void aFailedMessageIsDeliveredAgainInPlaceAndAcknowledgedOnceProcessed() {
		runner("backOffMaxRetries=5").run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			handler.fail = (event) -> handler.attempts.size() <= 2;
			ready(context);
			publish(this.topic, "flaky");
			publish(this.topic, "next");
			await().atMost(WAIT).until(() -> handler.processed.size() >= 2);
			assertThat(values(handler.attempts)).containsExactly("flaky", "flaky", "flaky", "next");
			assertThat(values(handler.processed)).containsExactly("flaky", "next");
		});
		assertNothingDeliveredAgain();
	}

	@Test
	void whenTheRetriesAreUsedUpTheMessageIsSkippedReportedAndAcknowledged(CapturedOutput output) {
		List<String> unprocessed = new CopyOnWriteArrayList<>();
		runner("backOffMaxRetries=2")
			.withBean(UnprocessedEventRecorder.class,
					() -> (binding, type, disposition) -> unprocessed.add(binding + " " + type + " " + disposition))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				handler.fail = (event) -> event.dataAsString().equals("poison");
				ready(context);
				publish(this.topic, "poison");
				publish(this.topic, "fine");
				await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
				assertThat(values(handler.attempts)).containsExactly("poison", "poison", "poison", "fine");
				assertThat(values(handler.processed)).containsExactly("fine");
				assertThat(unprocessed).containsExactly("in bindings.mqtt3 skipped");
				assertThat(output).containsPattern("Input binding 'in' \\(bindings.mqtt3\\): topic " + this.topic
						+ ", message id \\d+ is skipped: the application did not process it");
			});
		assertNothingDeliveredAgain();
	}

	@Test
	void byDefaultAFailedMessageIsDeliveredThreeMoreTimes() {
		runner().run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			handler.fail = (event) -> event.dataAsString().equals("poison");
			ready(context);
			publish(this.topic, "poison");
			publish(this.topic, "fine");
			await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
			assertThat(values(handler.attempts)).containsExactly("poison", "poison", "poison", "poison", "fine");
		});
	}

	// shutdown and pause

	@Test
	void stoppingLetsTheDeliveryInFlightFinishAndTheRestComesAgainToTheSameSession() throws Exception {
		runner().run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			RecordingHandler.Gate gate = handler.blockOn("1");
			ready(context);
			for (int i = 0; i < 4; i++) {
				publish(this.topic, String.valueOf(i));
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

	@Test
	void aMessagePublishedWhileTheApplicationRefusesTrafficArrivesWhenItAcceptsTrafficAgain() {
		runner().run((context) -> {
			RecordingHandler handler = ready(context);
			publish(this.topic, "0");
			await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
			assertThat(context.getBean(InputBindingRegistry.class).find("in")).extracting(InputBindingStatus::state)
				.isEqualTo(InputBindingState.PAUSED);
			publish(this.topic, "while-paused");
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 2);
			assertThat(values(handler.processed)).containsExactly("0", "while-paused");
		});
	}

	@Test
	void aMessageWaitingForItsRetryWhenTheApplicationRefusesTrafficIsNeitherSkippedNorLost() {
		List<String> unprocessed = new CopyOnWriteArrayList<>();
		// a retry long after the test's wait: only the pause ends the wait
		runner("backOffDuration=5m", "backOffMaxRetries=1")
			.withBean(UnprocessedEventRecorder.class,
					() -> (binding, type, disposition) -> unprocessed.add(disposition))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				handler.fail = (event) -> true;
				ready(context);
				publish(this.topic, "m");
				await().atMost(WAIT).until(() -> handler.attempts.size() >= 1);
				AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
				handler.fail = (event) -> false;
				AvailabilityChangeEvent.publish(context.getSourceApplicationContext(),
						ReadinessState.ACCEPTING_TRAFFIC);
				await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
				assertThat(values(handler.processed)).containsExactly("m");
				assertThat(unprocessed).isEmpty();
			});
	}

	@Test
	void anUnreachableBrokerDoesNotStopTheApplicationAndIsNamedWithoutThePassword(CapturedOutput output) {
		runner("url=tcp://user:Pa55w0rd-Secret@127.0.0.1:1").run((context) -> {
			assertThat(context).hasNotFailed();
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
			await().atMost(WAIT)
				.until(() -> output.toString()
					.contains("Input binding 'in': cannot connect to the MQTT broker and subscribe to topic "
							+ this.topic));
			assertThat(context.getBean(InputBindingRegistry.class).find("in")).extracting(InputBindingStatus::state)
				.isEqualTo(InputBindingState.RUNNING);
		});
		assertThat(output).doesNotContain("Pa55w0rd-Secret");
	}

	// metadata and directions

	@Test
	void aConsumerIdIsRequired() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
							Mqtt3BindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.in.type=bindings.mqtt3",
					"bindings.components.in.metadata.url=" + URL, "bindings.components.in.metadata.topic=" + this.topic,
					"bindings.components.in.metadata.direction=input")
			.run((context) -> assertThat(StartupFailures.componentFailure(context).getMessage())
				.contains("missing consumerID"));
	}

	@Test
	void theSubscriberClientIdIsTheConsumerIdWithTheConsumerSuffix() throws Exception {
		Mqtt3InputBinding binding = (Mqtt3InputBinding) new Mqtt3InputBindingFactory()
			.create(component("in", "bindings.mqtt3", Map.of("url", URL, "topic", this.topic, "consumerID", "orders")));
		try {
			assertThat(binding.clientId()).isEqualTo("orders-consumer");
		}
		finally {
			binding.stop(Duration.ZERO);
		}
	}

	@Test
	void qosIsIgnoredWithDaprdsWarning(CapturedOutput output) {
		runner("qos=0").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Metadata property 'qos' has been deprecated and is ignored; qos is set to 1");
		});
	}

	@Test
	void invalidRetrySettingsFailNamingTheKey() {
		Mqtt3InputBindingFactory factory = new Mqtt3InputBindingFactory();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(component("in", "bindings.mqtt3",
					Map.of("url", URL, "topic", this.topic, "consumerID", "c", "backOffMaxRetries", "-2"))))
			.withMessage("invalid backOffMaxRetries: a whole number, -1 for no limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(component("in", "bindings.mqtt3",
					Map.of("url", URL, "topic", this.topic, "consumerID", "c", "backOffDuration", "soon"))))
			.withMessageStartingWith("invalid backOffDuration: ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory
				.create(component("in", "bindings.mqtt3", Map.of("url", URL, "topic", "a/#/b", "consumerID", "c"))))
			.withMessage("invalid topic: not an MQTT topic filter");
	}

	@Test
	void anInputOnlyComponentHasNoOutputBinding() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(OutputBindingRegistry.class).find("in")).isNull();
			assertThat(context.getBean(InputBindingRegistry.class).find("in")).isNotNull();
			assertThat(context.getBean(RuntimeMetadata.class).components())
				.containsExactly(new RuntimeMetadata.Component("in", "bindings.mqtt3", "v1",
						List.of(RuntimeMetadata.INPUT_BINDING)));
		});
	}

	@Test
	void aComponentWithoutDirectionHasBothSides() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
							Mqtt3BindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(RecordingHandler.class)
			.withPropertyValues("bindings.components-path=", "bindings.components.in.type=bindings.mqtt3",
					"bindings.components.in.metadata.url=" + URL, "bindings.components.in.metadata.topic=" + this.topic,
					"bindings.components.in.metadata.consumerID=" + this.consumerId)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("in", OutputBinding.class)).isInstanceOf(Mqtt3OutputBinding.class);
				assertThat(context.getBean(InputBindingRegistry.class).find("in")).isNotNull();
				assertThat(context.getBean(RuntimeMetadata.class).components())
					.containsExactly(new RuntimeMetadata.Component("in", "bindings.mqtt3", "v1",
							List.of(RuntimeMetadata.INPUT_BINDING, RuntimeMetadata.OUTPUT_BINDING)));
			});
	}

	@Test
	void anOutputOnlyComponentHasNoInputBinding() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
							Mqtt3BindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.out.type=bindings.mqtt3",
					"bindings.components.out.metadata.url=" + URL,
					"bindings.components.out.metadata.topic=" + this.topic,
					"bindings.components.out.metadata.consumerID=" + this.consumerId,
					"bindings.components.out.metadata.direction=output")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(InputBindingRegistry.class).inputBindings()).isEmpty();
				assertThat(context.getBean("out", OutputBinding.class)).isInstanceOf(Mqtt3OutputBinding.class);
			});
	}

	// helpers

	/**
	 * Start the binding again with the same persistent session and publish a marker: a
	 * message the session still held would arrive before it.
	 */
	private void assertNothingDeliveredAgain() {
		runner().run((context) -> {
			RecordingHandler handler = ready(context);
			publish(this.topic, "marker");
			await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
			assertThat(values(handler.attempts)).containsExactly("marker");
		});
	}

	private static RecordingHandler ready(AssertableApplicationContext context) {
		RecordingHandler handler = RecordingHandler.ready(context);
		// a message published before the first subscription of a session would not reach
		// it
		List<Mqtt3InputBinding> bindings = context.getBean(RecordingFactory.class).created;
		await().atMost(WAIT).until(() -> bindings.size() == 1 && bindings.get(0).isSubscribed());
		return handler;
	}

	private static void publish(String topic, String text) throws Exception {
		publish(topic, text.getBytes(StandardCharsets.UTF_8));
	}

	private static void publish(String topic, byte[] bytes) throws Exception {
		publisher.publish(topic, bytes, 1, false);
	}

	/**
	 * The binding type as auto-configured, recording the bindings it creates so that a
	 * test can wait for the subscription.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RecordingFactoryConfiguration {

		@Bean
		RecordingFactory mqtt3InputBindingFactory() {
			return new RecordingFactory();
		}

	}

	static class RecordingFactory extends Mqtt3InputBindingFactory {

		final List<Mqtt3InputBinding> created = new CopyOnWriteArrayList<>();

		@Override
		public InputBinding create(ComponentDefinition component) throws MqttException {
			Mqtt3InputBinding binding = (Mqtt3InputBinding) super.create(component);
			this.created.add(binding);
			return binding;
		}

	}

}
