package dev.bindings.autoconfigure;

import java.time.Duration;

import dev.bindings.actuate.BindingsEndpoint;
import dev.bindings.actuate.BindingsHealthContributor;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.registry.OutputBindingRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support for output bindings: the {@code bindings} endpoint and, opt-in with
 * {@code management.health.bindings.enabled=true}, a health contributor with one entry
 * per binding (add it to the readiness group, not liveness).
 */
@AutoConfiguration(after = { BindingsAutoConfiguration.class, InputBindingsAutoConfiguration.class })
@ConditionalOnBean(OutputBindingRegistry.class)
public final class BindingsActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthContributor.class)
	@ConditionalOnBooleanProperty(name = "management.health.bindings.enabled")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "bindingsHealthContributor")
		BindingsHealthContributor bindingsHealthContributor(OutputBindingRegistry registry,
				ObjectProvider<InputBindingRegistry> inputs) {
			return new BindingsHealthContributor(registry, inputs.getIfAvailable(), Duration.ofSeconds(5));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(BindingsEndpoint.class)
		BindingsEndpoint bindingsEndpoint(OutputBindingRegistry registry, ObjectProvider<InputBindingRegistry> inputs) {
			return new BindingsEndpoint(registry, inputs.getIfAvailable());
		}

	}

}
