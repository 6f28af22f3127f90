package dev.bindings.resiliency;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.BindingsResiliencyAutoConfiguration;
import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.registry.OutputBindingRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resiliency policies declared in application properties.
 */
class ResiliencyPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
				BindingsResiliencyAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withBean(EchoBindingFactory.class)
		.withPropertyValues("bindings.components-path=", "bindings.components.echo.type=bindings.test.echo");

	@Test
	void policiesFromPropertiesApplyToTheirTarget() {
		this.contextRunner
			.withPropertyValues("bindings.resiliency.policies.timeouts.general=2s",
					"bindings.resiliency.policies.retries.quick.duration=10ms",
					"bindings.resiliency.policies.retries.quick.maxRetries=2",
					"bindings.resiliency.targets.components.echo.outbound.retry=quick",
					"bindings.resiliency.targets.components.echo.outbound.timeout=general")
			.run((context) -> assertThat(context.getBean(OutputBindingRegistry.class).find("echo"))
				.isInstanceOf(ResilientOutputBinding.class));
	}

	@Test
	void withoutPoliciesBindingsAreNotWrapped() {
		this.contextRunner.run((context) -> assertThat(context.getBean(OutputBindingRegistry.class).find("echo"))
			.isNotInstanceOf(ResilientOutputBinding.class));
	}

	@Test
	void anUnknownPolicyNameStopsStartup() {
		this.contextRunner.withPropertyValues("bindings.resiliency.targets.components.echo.outbound.retry=nope")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("retry policy 'nope' is not defined"));
	}

	@Test
	void anUnknownInboundPolicyNameStopsStartup() {
		this.contextRunner.withPropertyValues("bindings.resiliency.targets.components.echo.inbound.timeout=nope")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("the inbound timeout policy 'nope' is not defined"));
	}

}
