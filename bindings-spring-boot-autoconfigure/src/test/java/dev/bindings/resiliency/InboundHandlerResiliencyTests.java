package dev.bindings.resiliency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingListener;
import dev.bindings.DeliveryFailedException;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.BindingsResiliencyAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.input.ManualInputBindingFactory;
import dev.bindings.observation.DaprInputBindingMetricsHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Inbound resiliency policies around events delivered to {@link BindingListener} methods,
 * with the policies in a {@code kind: Resiliency} document of the components folder.
 */
class InboundHandlerResiliencyTests {

	@TempDir
	Path folder;

	private ApplicationContextRunner runner;

	@BeforeEach
	void resiliency() throws Exception {
		Files.writeString(this.folder.resolve("resiliency.yaml"), """
				apiVersion: dapr.io/v1alpha1
				kind: Resiliency
				metadata:
				  name: handlers
				spec:
				  policies:
				    timeouts:
				      second: 1s
				    retries:
				      twice: {duration: 10ms, maxRetries: 2, matching: {httpStatusCodes: "500-599"}}
				      forever: {duration: 1h, maxRetries: -1}
				      DefaultBindingComponentInboundRetryPolicy: {duration: 10ms, maxRetries: 1}
				      DefaultBindingComponentOutboundRetryPolicy: {duration: 10ms, maxRetries: 5}
				  targets:
				    components:
				      flaky: {inbound: {retry: twice}}
				      failing: {inbound: {retry: twice}}
				      slow: {inbound: {timeout: second}}
				      patient: {inbound: {retry: forever}}
				""");
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
							BindingsResiliencyAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withBean(ManualInputBindingFactory.class)
			.withUserConfiguration(Handlers.class)
			.withPropertyValues("bindings.components-path=" + this.folder, "spring.application.name=handlers",
					"bindings.input.shutdown-timeout=30s",
					"bindings.components.flaky.type=" + ManualInputBindingFactory.TYPE,
					"bindings.components.failing.type=" + ManualInputBindingFactory.TYPE,
					"bindings.components.slow.type=" + ManualInputBindingFactory.TYPE,
					"bindings.components.patient.type=" + ManualInputBindingFactory.TYPE,
					"bindings.components.defaulted.type=" + ManualInputBindingFactory.TYPE);
	}

	@Test
	void aHandlerThatFailsTwiceSucceedsAtTheThirdAttemptInOneObservedDelivery() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DaprInputBindingMetricsHandler(meters, "handlers", "ns"));
		this.runner.withBean(ObservationRegistry.class, () -> observations).run((context) -> {
			ready(context);
			context.getBean(ManualInputBindingFactory.class).deliver("flaky", new byte[0], Map.of());
			assertThat(context.getBean(Handlers.class).calls("flaky")).isEqualTo(3);
			assertThat(meters.get(DaprInputBindingMetricsHandler.COUNT).tags("component", "flaky").counters())
				.singleElement()
				.satisfies((counter) -> {
					assertThat(counter.getId().getTag("success")).isEqualTo("true");
					assertThat(counter.count()).isEqualTo(1.0);
				});
		});
	}

	@Test
	void whenRetriesRunOutTheBindingSeesTheHandlersLastException() {
		this.runner.run((context) -> {
			ready(context);
			assertThatIllegalStateException().isThrownBy(
					() -> context.getBean(ManualInputBindingFactory.class).deliver("failing", new byte[0], Map.of()))
				.withMessage("handler failed 3");
			assertThat(context.getBean(Handlers.class).calls("failing"))
				.as("matching.httpStatusCodes does not apply to a handler's exception")
				.isEqualTo(3);
		});
	}

	@Test
	void aHandlerPastTheTimeoutIsInterruptedAndTheDeliveryFails() {
		this.runner.run((context) -> {
			ready(context);
			assertThatExceptionOfType(DeliveryFailedException.class)
				.isThrownBy(
						() -> context.getBean(ManualInputBindingFactory.class).deliver("slow", new byte[0], Map.of()))
				.withMessage(
						"error invoking app: context deadline exceeded (the attempt took longer than 1s and was aborted)")
				.withCauseInstanceOf(InterruptedException.class);
			assertThat(context.getBean(Handlers.class).calls("slow")).isEqualTo(1);
			assertThat(Thread.currentThread().isInterrupted())
				.as("the interrupt that aborted the attempt does not reach the binding's thread")
				.isFalse();
		});
	}

	@Test
	void aBindingWithoutTargetUsesTheInboundDefaultPolicy() {
		this.runner.run((context) -> {
			ready(context);
			assertThatIllegalStateException().isThrownBy(
					() -> context.getBean(ManualInputBindingFactory.class).deliver("defaulted", new byte[0], Map.of()));
			assertThat(context.getBean(Handlers.class).calls("defaulted"))
				.as("DefaultBindingComponentInboundRetryPolicy: one retry")
				.isEqualTo(2);
		});
	}

	@Test
	void stoppingEndsARetryWaitAndNoFurtherAttemptIsMade() {
		this.runner.run((context) -> {
			ready(context);
			ManualInputBindingFactory bindings = context.getBean(ManualInputBindingFactory.class);
			Handlers handlers = context.getBean(Handlers.class);
			CompletableFuture<Void> delivery = new CompletableFuture<>();
			Thread thread = new Thread(() -> {
				try {
					bindings.deliver("patient", new byte[0], Map.of());
					delivery.complete(null);
				}
				catch (Throwable ex) {
					delivery.completeExceptionally(ex);
				}
			}, "patient-delivery");
			thread.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> handlers.calls("patient") == 1);
			// the delivery now waits an hour for its next attempt
			context.close();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> delivery.get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(IllegalStateException.class)
				.withMessage("handler failed 1");
			assertThat(handlers.calls("patient")).isEqualTo(1);
		});
	}

	private static void ready(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		int calls(String binding) {
			return this.calls.computeIfAbsent(binding, (key) -> new AtomicInteger()).get();
		}

		private int call(String binding) {
			return this.calls.computeIfAbsent(binding, (key) -> new AtomicInteger()).incrementAndGet();
		}

		@BindingListener("flaky")
		void flaky() {
			int call = call("flaky");
			if (call <= 2) {
				throw new IllegalStateException("not yet " + call);
			}
		}

		@BindingListener("failing")
		void failing() {
			throw new IllegalStateException("handler failed " + call("failing"));
		}

		@BindingListener("slow")
		void slow() throws InterruptedException {
			call("slow");
			Thread.sleep(60_000);
		}

		@BindingListener("patient")
		void patient() {
			throw new IllegalStateException("handler failed " + call("patient"));
		}

		@BindingListener("defaulted")
		void defaulted() {
			throw new IllegalStateException("handler failed " + call("defaulted"));
		}

	}

}
