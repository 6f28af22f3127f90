package dev.bindings.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.kafka.KafkaOutputBindingFactory;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace propagation through {@code BindingClient} to Kafka with Micrometer Tracing
 * (Brave, W3C): exactly one {@code traceparent} header per record, from the current span.
 */
class KafkaTracePropagationTests {

	private static EmbeddedKafkaKraftBroker broker;

	private final Tracing tracing = Tracing.newBuilder()
		.traceId128Bit(true)
		.currentTraceContext(ThreadLocalCurrentTraceContext.create())
		.propagationFactory(new W3CPropagation(new BraveBaggageManager(), List.of()))
		.build();

	private final Tracer tracer = new BraveTracer(this.tracing.tracer(),
			new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());

	private DefaultOutputBindingRegistry registry;

	private DefaultBindingClient client;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "traced");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	KafkaTracePropagationTests() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, new BravePropagator(this.tracing)))
			.observationHandler(new DefaultTracingObservationHandler(this.tracer));
		ComponentDefinition component = new ComponentDefinition("traced", "bindings.kafka", "v1",
				Map.of("brokers", broker.getBrokersAsString(), "publishTopic", "traced"), List.of(), false, null,
				"test");
		this.registry = new DefaultOutputBindingRegistry(List.of(component),
				List.of(new KafkaOutputBindingFactory(Map.of(), null, List.of())));
		this.client = new DefaultBindingClient(this.registry, JsonMapper.builder().build()::writeValueAsBytes,
				observations, null);
	}

	@AfterEach
	void close() {
		this.registry.destroy();
		this.tracing.close();
	}

	@Test
	void recordCarriesExactlyOneTraceparentOfTheCurrentTrace() {
		Span parent = this.tracer.nextSpan().name("parent").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(parent)) {
			this.client.invoke("traced", "create", "hello",
					Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k", "v"));
		}
		finally {
			parent.end();
		}
		ConsumerRecord<byte[], byte[]> record = lastRecord();
		List<Header> traceparents = new ArrayList<>();
		record.headers().headers("traceparent").forEach(traceparents::add);
		assertThat(traceparents).hasSize(1);
		String traceparent = new String(traceparents.get(0).value(), StandardCharsets.UTF_8);
		assertThat(traceparent).startsWith("00-" + parent.context().traceId() + "-");
		assertThat(record.headers().lastHeader("k").value()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
	}

	private static ConsumerRecord<byte[], byte[]> lastRecord() {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition("traced", 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			assertThat(records).isNotEmpty();
			return records.get(records.size() - 1);
		}
	}

}
