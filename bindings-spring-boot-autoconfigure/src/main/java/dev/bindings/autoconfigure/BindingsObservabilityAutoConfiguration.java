package dev.bindings.autoconfigure;

import dev.bindings.observation.DaprBindingMetricsHandler;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of daprd's output binding metrics
 * ({@code dapr_component_output_binding_count} and {@code _latencies}) on the
 * application's {@link MeterRegistry}. Spring Boot's own observation handlers add the
 * {@code bindings.invocation} timer and, with Micrometer Tracing, a span per invocation.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class BindingsObservabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DaprBindingMetricsHandler daprBindingMetricsHandler(MeterRegistry meterRegistry, BindingsProperties properties,
			Environment environment) {
		return new DaprBindingMetricsHandler(meterRegistry, BindingsAutoConfiguration.appId(properties, environment),
				environment.getProperty("NAMESPACE", ""));
	}

}
