package dev.bindings.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.bindings.component.DaprManifests;
import dev.bindings.component.DaprManifests.Manifest;
import dev.bindings.resiliency.InboundResiliency;
import dev.bindings.resiliency.ResiliencyBindingDecorator;
import dev.bindings.resiliency.ResiliencyPolicies;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Dapr resiliency policies on resilience4j, for output bindings
 * (around each call) and input bindings (around each delivery): the
 * {@code kind: Resiliency} documents of the component folders and
 * {@code bindings.resiliency}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass({ Retry.class, CircuitBreaker.class })
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BindingsProperties.class)
public final class BindingsResiliencyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResiliencyPolicies resiliencyPolicies(BindingsProperties properties, Environment environment) {
		List<Manifest> manifests = new ArrayList<>(
				DaprManifests.read(BindingsAutoConfiguration.componentFolders(properties), "Resiliency",
						BindingsAutoConfiguration.appId(properties, environment)));
		if (!properties.getResiliency().isEmpty()) {
			manifests
				.add(new Manifest("bindings.resiliency", properties.getResiliency(), "property 'bindings.resiliency'"));
		}
		return ResiliencyPolicies.of(manifests);
	}

	@Bean
	@ConditionalOnMissingBean
	ResiliencyBindingDecorator resiliencyBindingDecorator(ResiliencyPolicies policies) {
		return new ResiliencyBindingDecorator(policies);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "bindings.input.enabled", matchIfMissing = true)
	InboundResiliency inboundResiliency(ResiliencyPolicies policies) {
		return new InboundResiliency(policies);
	}

}
