package dev.bindings.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import dev.bindings.BindingListener;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.input.ManualInputBindingFactory;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An input binding event's trace is continued with Micrometer Tracing (Brave, W3C): the
 * handler runs in a span of the trace of the event's {@code traceparent} (for Kafka, the
 * record's header).
 */
class InputTracePropagationTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private final Tracing tracing = Tracing.newBuilder()
		.traceId128Bit(true)
		.currentTraceContext(ThreadLocalCurrentTraceContext.create())
		.propagationFactory(new W3CPropagation(new BraveBaggageManager(), List.of()))
		.build();

	private final Tracer tracer = new BraveTracer(this.tracing.tracer(),
			new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());

	@AfterEach
	void close() {
		this.tracing.close();
	}

	@Test
	void theHandlerRunsInTheTraceOfTheEventsTraceparent() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, new BravePropagator(this.tracing)))
			.observationHandler(new DefaultTracingObservationHandler(this.tracer));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					InputBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withBean(ManualInputBindingFactory.class)
			.withBean(ObservationRegistry.class, () -> observations)
			.withBean(Tracer.class, () -> this.tracer)
			.withUserConfiguration(Handler.class)
			.withPropertyValues("bindings.components-path=",
					"bindings.components.traced.type=" + ManualInputBindingFactory.TYPE)
			.run((context) -> {
				AvailabilityChangeEvent.publish(context.getSourceApplicationContext(),
						ReadinessState.ACCEPTING_TRAFFIC);
				context.getBean(ManualInputBindingFactory.class)
					.deliver("traced", new byte[0],
							Map.of("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01", "k", "v"));
				Handler handler = context.getBean(Handler.class);
				assertThat(handler.spans).hasSize(1);
				Span span = handler.spans.get(0);
				assertThat(span.context().traceId()).isEqualTo(TRACE_ID);
				assertThat(span.context().spanId()).isNotEqualTo("b7ad6b7169203331");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Handler {

		final List<Span> spans = new CopyOnWriteArrayList<>();

		private final Tracer tracer;

		Handler(Tracer tracer) {
			this.tracer = tracer;
		}

		@BindingListener("traced")
		void on() {
			Span span = this.tracer.currentSpan();
			if (span != null) {
				this.spans.add(span);
			}
		}

	}

}
