package dev.bindings.input;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bindings.BindingEvent;
import dev.bindings.BindingListener;
import dev.bindings.DeliveryFailedException;
import dev.bindings.InputBindingHandler;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.observation.DaprInputBindingMetricsHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Events delivered to {@link BindingListener} methods, and the registry's lifecycle
 * around them (readiness, stop).
 */
@ExtendWith(OutputCaptureExtension.class)
class BindingListenerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withBean(ManualInputBindingFactory.class)
		.withPropertyValues("bindings.components-path=", "spring.application.name=listeners",
				"bindings.components.raw.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.text.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.event.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.orders.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.tick.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.failing.type=" + ManualInputBindingFactory.TYPE);

	@Test
	void eachKindOfParameterGetsTheEvent() {
		this.runner.withUserConfiguration(Handlers.class).run((context) -> {
			ready(context);
			ManualInputBindingFactory bindings = context.getBean(ManualInputBindingFactory.class);
			Handlers handlers = context.getBean(Handlers.class);
			byte[] bytes = { 1, 2, (byte) 0xff };
			bindings.deliver("raw", bytes, Map.of());
			bindings.deliver("text", "caf\u00e9".getBytes(StandardCharsets.UTF_8), Map.of());
			bindings.deliver("event", "{}".getBytes(StandardCharsets.UTF_8), Map.of("__key", "k"));
			bindings.deliver("orders", "{\"id\":\"42\",\"quantity\":3}".getBytes(StandardCharsets.UTF_8), Map.of());
			bindings.deliver("tick", new byte[0], Map.of("timeZone", "Local"));
			assertThat(handlers.received).hasSize(5);
			assertThat((byte[]) handlers.received.get(0)).isEqualTo(bytes);
			assertThat(handlers.received.get(1)).isEqualTo("caf\u00e9");
			BindingEvent event = (BindingEvent) handlers.received.get(2);
			assertThat(event.binding()).isEqualTo("event");
			assertThat(event.metadata()).containsEntry("__key", "k");
			assertThat(handlers.received.get(3)).isEqualTo(new Order("42", 3));
			assertThat(handlers.received.get(4)).isEqualTo("tick");
		});
	}

	@Test
	void aHandlerThatThrowsFailsTheDeliveryWithItsException() {
		this.runner.withUserConfiguration(Handlers.class).run((context) -> {
			ready(context);
			ManualInputBindingFactory bindings = context.getBean(ManualInputBindingFactory.class);
			assertThatIllegalStateException().isThrownBy(() -> bindings.deliver("failing", new byte[0], Map.of()))
				.withMessage("handler failed");
			assertThat(context.getBean(InputBindingRegistry.class).find("failing"))
				.extracting(InputBindingStatus::lastFailure)
				.isEqualTo("handler failed");
		});
	}

	@Test
	void unreadableJsonFailsTheDelivery() {
		this.runner.withUserConfiguration(Handlers.class).run((context) -> {
			ready(context);
			ManualInputBindingFactory bindings = context.getBean(ManualInputBindingFactory.class);
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> bindings.deliver("orders", "not json".getBytes(StandardCharsets.UTF_8), Map.of()));
			assertThat(context.getBean(Handlers.class).received).isEmpty();
		});
	}

	@Test
	void deliveriesAreMeasuredWithDaprdsInputBindingMetrics() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DaprInputBindingMetricsHandler(meters, "app", "ns"));
		this.runner.withUserConfiguration(Handlers.class)
			.withBean(ObservationRegistry.class, () -> observations)
			.run((context) -> {
				ready(context);
				ManualInputBindingFactory bindings = context.getBean(ManualInputBindingFactory.class);
				bindings.deliver("text", "x".getBytes(StandardCharsets.UTF_8), Map.of());
				assertThatIllegalStateException().isThrownBy(() -> bindings.deliver("failing", new byte[0], Map.of()));
				assertThat(count(meters, "text", "true")).isEqualTo(1.0);
				assertThat(count(meters, "failing", "false")).isEqualTo(1.0);
				assertThat(meters.get(DaprInputBindingMetricsHandler.COUNT)
					.tags("app_id", "app", "namespace", "ns", "component", "text")
					.counter()
					.count()).isEqualTo(1.0);
			});
	}

	private static double count(MeterRegistry meters, String component, String success) {
		return meters.get(DaprInputBindingMetricsHandler.COUNT)
			.tags("component", component, "success", success)
			.counter()
			.count();
	}

	@Test
	void anEventGivenUpOnIsLoggedAtErrorAndCounted(CapturedOutput output) {
		List<String> recorded = new CopyOnWriteArrayList<>();
		this.runner.withUserConfiguration(Handlers.class)
			.withBean(UnprocessedEventRecorder.class,
					() -> (binding, type, disposition) -> recorded.add(binding + " " + type + " " + disposition))
			.run((context) -> {
				ready(context);
				InputBindingHandler handler = context.getBean(ManualInputBindingFactory.class).handler("failing");
				handler.skipped(new BindingEvent("failing", new byte[0], Map.of()),
						"record topic t, partition 1, offset 7", new IllegalStateException("handler failed"));
				assertThat(recorded).containsExactly("failing " + ManualInputBindingFactory.TYPE + " skipped");
				assertThat(output).contains("ERROR")
					.contains("Input binding 'failing' (bindings.test.manual): record topic t, partition 1, offset 7"
							+ " is skipped: the application did not process it and it is not delivered again"
							+ " (last failure: handler failed)");
			});
	}

	@Test
	void bindingsReadOnlyOnceTheApplicationIsReadyAndPauseWhileItRefusesTraffic() {
		this.runner.withUserConfiguration(Handlers.class).run((context) -> {
			ManualInputBindingFactory bindings = context.getBean(ManualInputBindingFactory.class);
			InputBindingRegistry registry = context.getBean(InputBindingRegistry.class);
			assertThat(bindings.reading("text")).isFalse();
			assertThat(registry.find("text")).extracting(InputBindingStatus::state)
				.isEqualTo(InputBindingState.CREATED);
			ready(context);
			assertThat(bindings.reading("text")).isTrue();
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
			assertThat(bindings.reading("text")).isFalse();
			assertThat(registry.find("text")).extracting(InputBindingStatus::state).isEqualTo(InputBindingState.PAUSED);
			ready(context);
			assertThat(bindings.reading("text")).isTrue();
			assertThat(registry.find("text")).extracting(InputBindingStatus::state)
				.isEqualTo(InputBindingState.RUNNING);
		});
	}

	@Test
	void withoutAHandlerMethodOrWebServerABindingReadsNothing(CapturedOutput output) {
		this.runner.withUserConfiguration(Handlers.class)
			.withPropertyValues("bindings.components.unhandled.type=" + ManualInputBindingFactory.TYPE)
			.run((context) -> {
				ready(context);
				assertThat(context.getBean(ManualInputBindingFactory.class).reading("unhandled")).isFalse();
				assertThat(context.getBean(InputBindingRegistry.class).find("unhandled"))
					.extracting(InputBindingStatus::state)
					.isEqualTo(InputBindingState.INACTIVE);
				assertThat(output).contains("Input binding 'unhandled' has no @BindingListener method and the "
						+ "application has no web server to deliver its events to: it reads nothing");
			});
	}

	@Test
	void afterStopEventsAreRefusedAsDaprdRefusesThem() {
		InputBindingHandler[] handler = new InputBindingHandler[1];
		this.runner.withUserConfiguration(Handlers.class).run((context) -> {
			ready(context);
			handler[0] = context.getBean(ManualInputBindingFactory.class).handler("text");
		});
		assertThatExceptionOfType(DeliveryFailedException.class)
			.isThrownBy(() -> handler[0].handle(new BindingEvent("text", new byte[0], Map.of())))
			.withMessage("input binding is closed");
	}

	@Test
	void twoHandlerMethodsForOneBindingStopStartup() {
		this.runner.withUserConfiguration(Handlers.class, DuplicateHandler.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("Input binding 'text' has two @BindingListener methods")
				.hasMessageContaining("an input binding is delivered to one handler");
		});
	}

	@Test
	void aHandlerMethodNamingNoInputBindingStopsStartup() {
		this.runner.withUserConfiguration(Handlers.class, MisnamedHandler.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("names 'typo', which is not an input binding of this application");
		});
	}

	@Test
	void placeholdersInBindingNamesAreResolved() {
		this.runner.withUserConfiguration(PlaceholderHandler.class)
			.withPropertyValues("app.binding=text")
			.run((context) -> {
				ready(context);
				context.getBean(ManualInputBindingFactory.class)
					.deliver("text", "p".getBytes(StandardCharsets.UTF_8), Map.of());
				assertThat(context.getBean(PlaceholderHandler.class).received).containsExactly("p");
			});
	}

	private static void ready(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
	}

	record Order(String id, int quantity) {

	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		final List<Object> received = new CopyOnWriteArrayList<>();

		@BindingListener("raw")
		void raw(byte[] data) {
			this.received.add(data);
		}

		@BindingListener("text")
		void text(String text) {
			this.received.add(text);
		}

		@BindingListener("event")
		void event(BindingEvent event) {
			this.received.add(event);
		}

		@BindingListener("orders")
		void order(Order order) {
			this.received.add(order);
		}

		@BindingListener("tick")
		void tick() {
			this.received.add("tick");
		}

		@BindingListener("failing")
		void failing() {
			throw new IllegalStateException("handler failed");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateHandler {

		@BindingListener("text")
		void again(String text) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MisnamedHandler {

		@BindingListener("typo")
		void typo(String text) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderHandler {

		final List<String> received = new CopyOnWriteArrayList<>();

		@BindingListener("${app.binding}")
		void text(String text) {
			this.received.add(text);
		}

	}

}
