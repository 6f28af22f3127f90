package dev.bindings.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingClient;
import dev.bindings.BindingEvent;
import dev.bindings.BindingException;
import dev.bindings.BindingListener;
import dev.bindings.InputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.input.InputBindingState;
import dev.bindings.input.InputBindingStatus;
import dev.bindings.input.UnprocessedEventRecorder;
import dev.bindings.kafka.autoconfigure.KafkaBindingsAutoConfiguration;
import dev.bindings.registry.InputBindingFactory;
import dev.bindings.registry.RuntimeMetadata;
import dev.bindings.test.Closing;
import dev.bindings.test.RecordingHandler;
import dev.bindings.test.StartupFailures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static dev.bindings.test.RecordingHandler.ready;
import static dev.bindings.test.RecordingHandler.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The input side of {@code bindings.kafka} against a real (embedded KRaft) broker: order
 * per partition, daprd's metadata, retries in place, skipping only with an ERROR and a
 * count, dead-letter topics, redelivery of what was not acknowledged, and a graceful stop
 * with a delivery in flight. Handlers are {@link BindingListener} methods; records are
 * produced by an independent producer.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaInputBindingTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static EmbeddedKafkaKraftBroker broker;

	private static KafkaProducer<byte[], byte[]> producer;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	@AfterAll
	static void stopBroker() {
		producer.close();
		broker.destroy();
	}

	private ApplicationContextRunner runner(String topic, String group, String... metadata) {
		List<String> properties = new ArrayList<>(
				List.of("bindings.components-path=", "bindings.components.in.type=bindings.kafka",
						"bindings.components.in.metadata.brokers=" + broker.getBrokersAsString(),
						"bindings.components.in.metadata.topics=" + topic,
						"bindings.components.in.metadata.consumerGroup=" + group,
						"bindings.components.in.metadata.initialOffset=oldest",
						"bindings.components.in.metadata.direction=input", "bindings.input.shutdown-timeout=20s"));
		for (String item : metadata) {
			properties.add("bindings.components.in.metadata." + item);
		}
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					InputBindingsAutoConfiguration.class, KafkaBindingsAutoConfiguration.class,
					KafkaAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(RecordingHandler.class, Created.class)
			.withPropertyValues(properties.toArray(String[]::new));
	}

	// order and metadata

	@Test
	void recordsOfAPartitionArriveInOrderWithDaprdsMetadata(TestInfo test) throws Exception {
		String topic = topic(test, 3);
		List<String> keys = List.of("a", "b", "c");
		for (int i = 0; i < 20; i++) {
			for (int partition = 0; partition < 3; partition++) {
				String key = keys.get(partition);
				send(topic, partition, key, key + i, Map.of("h", "v-" + key));
			}
		}
		runner(topic, group(test)).run((context) -> {
			RecordingHandler handler = ready(context);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 60);
			for (String key : List.of("a", "b", "c")) {
				List<String> values = handler.processed.stream()
					.filter((event) -> key.equals(event.metadata().get("__key")))
					.map(BindingEvent::dataAsString)
					.toList();
				assertThat(values).hasSize(20);
				for (int i = 0; i < 20; i++) {
					assertThat(values.get(i)).isEqualTo(key + i);
				}
			}
			BindingEvent event = handler.processed.get(0);
			assertThat(event.metadata()).containsEntry("__topic", topic)
				.containsKeys("__partition", "__offset", "__timestamp")
				.containsEntry("h", "v-" + event.metadata().get("__key"));
			assertThat(Long.parseLong(event.metadata().get("__timestamp"))).isPositive();
			assertThat(handler.processed.stream().map((e) -> e.metadata().get("__partition")).distinct()).hasSize(3);
		});
	}

	@Test
	void aTombstoneArrivesAsTheBytesNullAndARecordWithoutKeyHasNoKeyMetadata(TestInfo test) throws Exception {
		String topic = topic(test, 1);
		send(topic, null, null, Map.of());
		runner(topic, group(test)).run((context) -> {
			RecordingHandler handler = ready(context);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
			BindingEvent event = handler.processed.get(0);
			assertThat(event.dataAsString()).isEqualTo("null");
			assertThat(event.metadata()).doesNotContainKey("__key");
		});
	}

	@Test
	void escapeHeadersUrlEscapesHeaderValuesAndTheKey(TestInfo test) throws Exception {
		String topic = topic(test, 1);
		send(topic, "k y", "x", Map.of("h", "a\u0002b"));
		runner(topic, group(test), "escapeHeaders=true").run((context) -> {
			RecordingHandler handler = ready(context);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
			assertThat(handler.processed.get(0).metadata()).containsEntry("__key", "k+y").containsEntry("h", "a%02b");
		});
	}

	// failures

	@Test
	void aFailedRecordIsRetriedInPlaceWhenConsumeRetryIsEnabled(TestInfo test) throws Exception {
		String topic = topic(test, 1);
		sendValues(topic, 5);
		AtomicInteger failures = new AtomicInteger();
		runner(topic, group(test), "consumeRetryEnabled=true", "backOffDuration=100ms").run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			handler.fail = (event) -> event.dataAsString().equals("2") && failures.incrementAndGet() <= 2;
			ready(context);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 5);
			assertThat(values(handler.processed)).containsExactly("0", "1", "2", "3", "4");
			assertThat(values(handler.attempts)).containsExactly("0", "1", "2", "2", "2", "3", "4");
		});
	}

	@Test
	void withoutRetriesAFailedRecordIsSkippedWithAnErrorAndCountedAndCommittedPast(TestInfo test, CapturedOutput output)
			throws Exception {
		String topic = topic(test, 1);
		String group = group(test);
		sendValues(topic, 5);
		List<String> unprocessed = new CopyOnWriteArrayList<>();
		runner(topic, group)
			.withBean(UnprocessedEventRecorder.class,
					() -> (binding, type, disposition) -> unprocessed.add(binding + " " + type + " " + disposition))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				handler.fail = (event) -> event.dataAsString().equals("2");
				ready(context);
				await().atMost(WAIT).until(() -> handler.processed.size() >= 4);
				assertThat(values(handler.processed)).containsExactly("0", "1", "3", "4");
				assertThat(values(handler.attempts)).containsExactly("0", "1", "2", "3", "4");
				assertThat(unprocessed).containsExactly("in bindings.kafka skipped");
				assertThat(output).contains("Input binding 'in' (bindings.kafka): record topic " + topic
						+ ", partition 0, offset 2 is skipped: the application did not process it");
				await().atMost(WAIT).until(() -> committed(group, topic) == 5);
			});
	}

	@Test
	void whenRetriesAreUsedUpTheRecordIsSkipped(TestInfo test) throws Exception {
		String topic = topic(test, 1);
		sendValues(topic, 4);
		runner(topic, group(test), "consumeRetryEnabled=true", "backOffDuration=50ms", "backOffMaxRetries=2")
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				handler.fail = (event) -> event.dataAsString().equals("1");
				ready(context);
				await().atMost(WAIT).until(() -> handler.processed.size() >= 3);
				assertThat(values(handler.attempts)).containsExactly("0", "1", "1", "1", "2", "3");
				assertThat(values(handler.processed)).containsExactly("0", "2", "3");
			});
	}

	@Test
	void aDeadLetterTopicKeepsTheRecordsGivenUpOn(TestInfo test) throws Exception {
		String topic = topic(test, 1);
		String deadLetters = topic + "-dlt";
		broker.addTopics(new NewTopic(deadLetters, 1, (short) 1));
		send(topic, "k1", "0", Map.of());
		send(topic, "k2", "poison", Map.of("h", "v"));
		send(topic, "k3", "2", Map.of());
		List<String> unprocessed = new CopyOnWriteArrayList<>();
		runner(topic, group(test), "deadLetterTopic=" + deadLetters)
			.withBean(UnprocessedEventRecorder.class,
					() -> (binding, type, disposition) -> unprocessed.add(disposition))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				handler.fail = (event) -> event.dataAsString().equals("poison");
				ready(context);
				await().atMost(WAIT).until(() -> handler.processed.size() >= 2);
				assertThat(values(handler.processed)).containsExactly("0", "2");
				ConsumerRecord<byte[], byte[]> dead = read(deadLetters, 1).get(0);
				assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("poison");
				assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("k2");
				assertThat(dead.headers().lastHeader("h").value()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
				assertThat(unprocessed).containsExactly("dead-lettered");
			});
	}

	// restarts and shutdown

	@Test
	void recordsThatWereNotAcknowledgedAreDeliveredAgainAfterARestart(TestInfo test) throws Exception {
		String topic = topic(test, 1);
		String group = group(test);
		sendValues(topic, 5);
		runner(topic, group, "consumeRetryEnabled=true", "backOffDuration=100ms").run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			handler.fail = (event) -> event.dataAsString().equals("2");
			ready(context);
			await().atMost(WAIT).until(() -> values(handler.attempts).stream().filter("2"::equals).count() >= 2);
			assertThat(values(handler.processed)).containsExactly("0", "1");
		});
		runner(topic, group).run((context) -> {
			RecordingHandler handler = ready(context);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 3);
			assertThat(values(handler.processed)).containsExactly("2", "3", "4");
		});
	}

	@Test
	void stoppingLetsTheDeliveryInFlightFinishAndCommitsIt(TestInfo test) throws Exception {
		String topic = topic(test, 1);
		String group = group(test);
		sendValues(topic, 5);
		runner(topic, group).run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			RecordingHandler.Gate gate = handler.blockOn("1");
			ready(context);
			gate.awaitEntered();
			Closing.closeReleasingTheDeliveryInFlight(context.getSourceApplicationContext(), "in", gate::release);
			assertThat(values(handler.processed)).as("the delivery in flight when the close began finished")
				.containsExactly("0", "1");
		});
		runner(topic, group).run((context) -> {
			RecordingHandler handler = ready(context);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 3);
			assertThat(values(handler.processed)).containsExactly("2", "3", "4");
		});
	}

	@Test
	void whileTheApplicationRefusesTrafficNothingIsDelivered(TestInfo test) throws Exception {
		String topic = topic(test, 1);
		sendValues(topic, 1);
		runner(topic, group(test)).run((context) -> {
			RecordingHandler handler = ready(context);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 1);
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
			assertThat(context.getBean(InputBindingRegistry.class).find("in")).extracting(InputBindingStatus::state)
				.isEqualTo(InputBindingState.PAUSED);
			KafkaInputBinding binding = context.getBean(Created.class).binding("in");
			await().atMost(WAIT).until(binding::consumersPaused);
			send(topic, null, "while-paused", Map.of());
			assertThat(binding.consumersPaused()).isTrue();
			assertThat(values(handler.processed)).containsExactly("0");
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
			await().atMost(WAIT).until(() -> handler.processed.size() >= 2);
			assertThat(values(handler.processed)).containsExactly("0", "while-paused");
		});
	}

	// metadata

	@Test
	void initialOffsetMustBeNewestOrOldest(TestInfo test) {
		runner(topic(test, 1), group(test), "initialOffset=bogus")
			.run((context) -> assertThat(StartupFailures.componentFailure(context).getMessage())
				.contains("kafka error: invalid initialOffset: bogus"));
	}

	@Test
	void anInputBindingNeedsAConsumerGroup(TestInfo test) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					InputBindingsAutoConfiguration.class, KafkaBindingsAutoConfiguration.class,
					KafkaAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.in.type=bindings.kafka",
					"bindings.components.in.metadata.brokers=" + broker.getBrokersAsString(),
					"bindings.components.in.metadata.topics=" + topic(test, 1),
					"bindings.components.in.metadata.direction=input")
			.run((context) -> assertThat(StartupFailures.componentFailure(context).getMessage())
				.contains("kafka error: missing 'consumerGroup' attribute (or 'consumerID')"));
	}

	@Test
	void aComponentWithTopicsAndNoPublishTopicHasAnOutputSideThatFailsEachCall(TestInfo test) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					InputBindingsAutoConfiguration.class, KafkaBindingsAutoConfiguration.class,
					KafkaAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(RecordingHandler.class)
			.withPropertyValues("bindings.components-path=", "bindings.components.in.type=bindings.kafka",
					"bindings.components.in.metadata.brokers=" + broker.getBrokersAsString(),
					"bindings.components.in.metadata.topics=" + topic(test, 1),
					"bindings.components.in.metadata.consumerID=" + group(test))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RuntimeMetadata.class).components())
					.containsExactly(new RuntimeMetadata.Component("in", "bindings.kafka", "v1",
							List.of(RuntimeMetadata.INPUT_BINDING, RuntimeMetadata.OUTPUT_BINDING)));
				assertThatExceptionOfType(BindingException.class)
					.isThrownBy(() -> context.getBean(BindingClient.class).invoke("in", "create", "x", Map.of()))
					.withMessage("error invoking output binding in: kafka error: missing 'publishTopic' attribute");
			});
	}

	// helpers

	private static String topic(TestInfo test, int partitions) {
		String name = "in-" + test.getTestMethod().map((method) -> method.getName()).orElse("t") + "-"
				+ System.nanoTime();
		broker.addTopics(new NewTopic(name, partitions, (short) 1));
		return name;
	}

	private static String group(TestInfo test) {
		return "group-" + test.getTestMethod().map((method) -> method.getName()).orElse("t");
	}

	private static void sendValues(String topic, int count) throws Exception {
		for (int i = 0; i < count; i++) {
			send(topic, null, String.valueOf(i), Map.of());
		}
	}

	private static void send(String topic, @Nullable String key, @Nullable String value, Map<String, String> headers)
			throws Exception {
		send(topic, null, key, value, headers);
	}

	private static void send(String topic, @Nullable Integer partition, @Nullable String key, @Nullable String value,
			Map<String, String> headers) throws Exception {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition,
				(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null,
				(value != null) ? value.getBytes(StandardCharsets.UTF_8) : null);
		headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
		producer.send(record).get(30, TimeUnit.SECONDS);
	}

	private static long committed(String group, String topic) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS)
				.get(new TopicPartition(topic, 0));
			return (offset != null) ? offset.offset() : -1;
		}
	}

	private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (records.size() < count && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			assertThat(records).hasSizeGreaterThanOrEqualTo(count);
			return records;
		}
	}

	/**
	 * Keeps the bindings the auto-configured factory creates, to look at their consumers.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Created {

		private final Map<String, KafkaInputBinding> bindings = new ConcurrentHashMap<>();

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		InputBindingFactory recordingKafkaInputBindingFactory(ObjectProvider<KafkaInputBindingFactory> factory) {
			return new InputBindingFactory() {

				@Override
				public String type() {
					return "bindings.kafka";
				}

				@Override
				public InputBinding create(ComponentDefinition component) throws Exception {
					KafkaInputBinding binding = (KafkaInputBinding) factory.getObject().create(component);
					Created.this.bindings.put(component.name(), binding);
					return binding;
				}

			};
		}

		KafkaInputBinding binding(String name) {
			KafkaInputBinding binding = this.bindings.get(name);
			assertThat(binding).as("input binding %s was created", name).isNotNull();
			return binding;
		}

	}

}
