package dev.bindings.actuate;

import java.util.Map;

import dev.bindings.BindingListener;
import dev.bindings.autoconfigure.BindingsActuatorAutoConfiguration;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.cron.autoconfigure.CronBindingsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input bindings in the {@code bindings} endpoint and the health contributor: their
 * delivery and state, never a metadata value, and never a reason to turn unready.
 */
class InputBindingsActuatorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class,
				CronBindingsAutoConfiguration.class, JacksonAutoConfiguration.class,
				BindingsActuatorAutoConfiguration.class))
		.withUserConfiguration(Ticks.class)
		.withPropertyValues("bindings.components-path=", "bindings.components.nightly.type=bindings.cron",
				"bindings.components.nightly.metadata.schedule=@daily",
				"bindings.components.nightly.metadata.secretish=do-not-show",
				"management.endpoints.web.exposure.include=bindings", "management.health.bindings.enabled=true");

	@Test
	void theEndpointListsInputBindingsWithTheirDeliveryAndState() {
		this.runner.run((context) -> {
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
			BindingsEndpoint.BindingsDescriptor descriptor = context.getBean(BindingsEndpoint.class).bindings();
			assertThat(descriptor.bindings()).isEmpty();
			assertThat(descriptor.inputBindings()).singleElement().satisfies((input) -> {
				assertThat(input.name()).isEqualTo("nightly");
				assertThat(input.type()).isEqualTo("bindings.cron");
				assertThat(input.delivery()).isEqualTo("handler InputBindingsActuatorTests.Ticks.tick()");
				assertThat(input.state()).isEqualTo("RUNNING");
				assertThat(input.metadataKeys()).containsExactly("schedule", "secretish");
			});
			assertThat(descriptor.toString()).doesNotContain("do-not-show");
		});
	}

	@Test
	void anInputOnlyBindingHasAHealthEntryThatReportsItsState() {
		this.runner.run((context) -> {
			BindingsHealthContributor health = context.getBean(BindingsHealthContributor.class);
			assertThat(health.stream()).hasSize(1);
			Health before = ((HealthIndicator) health.getContributor("nightly")).health();
			assertThat(before.getStatus()).isEqualTo(Status.UP);
			assertThat(before.getDetails()).containsEntry("type", "bindings.cron");
			assertThat(inputState(before)).isEqualTo("CREATED");
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(inputState(((HealthIndicator) health.getContributor("nightly")).health())).isEqualTo("RUNNING");
			AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
			Health paused = ((HealthIndicator) health.getContributor("nightly")).health();
			assertThat(paused.getStatus()).isEqualTo(Status.UP);
			assertThat(inputState(paused)).isEqualTo("PAUSED");
		});
	}

	@SuppressWarnings("unchecked")
	private static Object inputState(Health health) {
		return ((Map<String, Object>) health.getDetails().get("input")).get("state");
	}

	@Configuration(proxyBeanMethods = false)
	static class Ticks {

		@BindingListener("nightly")
		void tick() {
		}

	}

}
