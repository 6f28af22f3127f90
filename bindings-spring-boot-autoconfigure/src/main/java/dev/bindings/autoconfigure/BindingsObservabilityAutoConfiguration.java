package dev.bindings.autoconfigure;

import dev.bindings.input.UnprocessedEventRecorder;
import dev.bindings.observation.DaprBindingMetricsHandler;
import dev.bindings.observation.DaprInputBindingMetricsHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of daprd's binding metrics
 * ({@code dapr_component_output_binding_count} and {@code _latencies},
 * {@code dapr_component_input_binding_count} and {@code _latencies}) and the count of
 * input binding events given up on ({@code bindings.input.unprocessed}) on the
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

	@Bean
	@ConditionalOnMissingBean
	DaprInputBindingMetricsHandler daprInputBindingMetricsHandler(MeterRegistry meterRegistry,
			BindingsProperties properties, Environment environment) {
		return new DaprInputBindingMetricsHandler(meterRegistry,
				BindingsAutoConfiguration.appId(properties, environment), environment.getProperty("NAMESPACE", ""));
	}

	/**
	 * Counts the input binding events given up on, {@code bindings.input.unprocessed},
	 * tagged {@code binding.name}, {@code binding.type} and {@code disposition}
	 * ({@code skipped} or {@code dead-lettered}).
	 * @param meterRegistry the meter registry
	 * @return the recorder
	 */
	@Bean
	@ConditionalOnMissingBean
	UnprocessedEventRecorder unprocessedEventRecorder(MeterRegistry meterRegistry) {
		return (binding, type, disposition) -> Counter.builder("bindings.input.unprocessed")
			.description("Input binding events given up on: skipped, or stored in a dead-letter destination")
			.tags("binding.name", binding, "binding.type", type, "disposition", disposition)
			.register(meterRegistry)
			.increment();
	}

}
