package dev.bindings.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingEvent;
import dev.bindings.BindingListener;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.cron.autoconfigure.CronBindingsAutoConfiguration;
import dev.bindings.registry.OutputBindingRegistry;
import dev.bindings.registry.RuntimeMetadata;
import dev.bindings.test.StartupFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bindings.cron} in an application: ticks delivered as daprd delivers them, the
 * overlap bound, and daprd's startup errors.
 */
@ExtendWith(OutputCaptureExtension.class)
class CronInputBindingTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
				CronBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=", "bindings.components.tick.type=bindings.cron");

	@Test
	void everyTickIsAnEventWithAnEmptyBodyAndDaprdsMetadata() {
		this.runner.withUserConfiguration(Ticks.class)
			.withPropertyValues("bindings.components.tick.metadata.schedule=@every 1s")
			.run((context) -> {
				AvailabilityChangeEvent.publish(context.getSourceApplicationContext(),
						ReadinessState.ACCEPTING_TRAFFIC);
				Ticks ticks = context.getBean(Ticks.class);
				await().atMost(WAIT).until(() -> ticks.received.size() >= 3);
				BindingEvent tick = ticks.received.get(0);
				assertThat(tick.binding()).isEqualTo("tick");
				assertThat(tick.data()).isEmpty();
				assertThat(tick.metadata()).containsEntry("timeZone", "Local")
					.hasEntrySatisfying("readTimeUTC", (time) -> assertThat(time)
						.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d*[1-9])? \\+0000 UTC"));
			});
	}

	@Test
	void aCronComponentIsAnInputBindingOnly() {
		this.runner.withUserConfiguration(Ticks.class)
			.withPropertyValues("bindings.components.tick.metadata.schedule=@daily")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(OutputBindingRegistry.class).find("tick")).isNull();
				assertThat(context.getBean(RuntimeMetadata.class).components()).containsExactly(
						new RuntimeMetadata.Component("tick", "bindings.cron", "v1", List.of("INPUT_BINDING")));
			});
	}

	@Test
	void overlappingDeliveriesAreBoundedAndATickThatFindsThemBusyIsSkippedWithAWarning(CapturedOutput output) {
		this.runner.withUserConfiguration(SlowTicks.class)
			.withPropertyValues("bindings.components.tick.metadata.schedule=@every 200ms",
					"bindings.components.tick.metadata.maxConcurrentTicks=1", "bindings.input.shutdown-timeout=1s")
			.run((context) -> {
				SlowTicks ticks = context.getBean(SlowTicks.class);
				AvailabilityChangeEvent.publish(context.getSourceApplicationContext(),
						ReadinessState.ACCEPTING_TRAFFIC);
				assertThat(ticks.entered.await(60, TimeUnit.SECONDS)).isTrue();
				await().atMost(WAIT)
					.until(() -> output.toString()
						.contains("1 deliveries of earlier ticks are still in flight (maxConcurrentTicks)"));
				assertThat(ticks.maximum).hasValue(1);
				ticks.release.countDown();
			});
	}

	@Test
	void aMissingScheduleStopsStartupWithDaprdsMessage() {
		this.runner.run((context) -> assertThat(StartupFailures.componentFailure(context).getMessage())
			.contains("schedule not set"));
	}

	@Test
	void anInvalidScheduleStopsStartupWithDaprdsMessage() {
		this.runner.withPropertyValues("bindings.components.tick.metadata.schedule=* * *")
			.run((context) -> assertThat(StartupFailures.componentFailure(context).getMessage())
				.contains("invalid schedule format '* * *': expected 5 to 6 fields, found 3: [* * *]"));
	}

	@Test
	void theReadTimeIsWrittenAsGoWritesAUtcTime() {
		assertThat(CronInputBinding.goTime(Instant.parse("2025-01-01T00:00:00.123456789Z")))
			.isEqualTo("2025-01-01 00:00:00.123456789 +0000 UTC");
		assertThat(CronInputBinding.goTime(Instant.parse("2025-01-01T00:00:00.120Z")))
			.isEqualTo("2025-01-01 00:00:00.12 +0000 UTC");
		assertThat(CronInputBinding.goTime(Instant.parse("2025-01-01T00:00:00Z")))
			.isEqualTo("2025-01-01 00:00:00 +0000 UTC");
	}

	@Configuration(proxyBeanMethods = false)
	static class Ticks {

		final List<BindingEvent> received = new CopyOnWriteArrayList<>();

		@BindingListener("tick")
		void tick(BindingEvent event) {
			this.received.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowTicks {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger maximum = new AtomicInteger();

		@BindingListener("tick")
		void tick() throws InterruptedException {
			this.maximum.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				this.entered.countDown();
				this.release.await(30, TimeUnit.SECONDS);
			}
			finally {
				this.running.decrementAndGet();
			}
		}

	}

}
