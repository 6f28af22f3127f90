package dev.bindings.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.bindings.component.ComponentDefinition;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.input.InputBindingStatus;
import dev.bindings.registry.OutputBindingRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the bindings, one entry per binding: each binding is pinged (for Kafka, a
 * bounded cluster describe). It belongs in the readiness group: a broker that is down
 * makes the app unready, not dead. Details never include metadata values.
 */
public class BindingsHealthContributor implements CompositeHealthContributor {

	private final OutputBindingRegistry registry;

	private final @Nullable InputBindingRegistry inputs;

	private final Duration timeout;

	/**
	 * Create a contributor.
	 * @param registry the bindings
	 * @param timeout how long one ping may take
	 */
	public BindingsHealthContributor(OutputBindingRegistry registry, Duration timeout) {
		this(registry, null, timeout);
	}

	/**
	 * Create a contributor that also reports the input bindings: an input-only binding
	 * (such as a cron binding) has an entry of its own, the input side of a binding with
	 * both directions an {@code input} detail. An input binding's state (running, paused,
	 * failing, ...) is a detail and never makes the application unready: a failing
	 * application handler would otherwise pause the very deliveries that could recover.
	 * @param registry the output bindings
	 * @param inputs the input bindings, or {@code null}
	 * @param timeout how long one ping may take
	 */
	public BindingsHealthContributor(OutputBindingRegistry registry, @Nullable InputBindingRegistry inputs,
			Duration timeout) {
		this.registry = registry;
		this.inputs = inputs;
		this.timeout = timeout;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		ComponentDefinition definition = this.registry.definition(name);
		if (definition != null) {
			return indicator(definition);
		}
		InputBindingStatus input = (this.inputs != null) ? this.inputs.find(name) : null;
		return (input != null) ? inputIndicator(input.name()) : null;
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		Stream<HealthContributors.Entry> outputs = this.registry.definitions()
			.stream()
			.map((definition) -> new HealthContributors.Entry(definition.name(), indicator(definition)));
		if (this.inputs == null) {
			return outputs;
		}
		Stream<HealthContributors.Entry> inputOnly = this.inputs.inputBindings()
			.stream()
			.filter((input) -> this.registry.definition(input.name()) == null)
			.map((input) -> new HealthContributors.Entry(input.name(), inputIndicator(input.name())));
		return Stream.concat(outputs, inputOnly);
	}

	private HealthIndicator inputIndicator(String name) {
		return () -> {
			InputBindingStatus input = (this.inputs != null) ? this.inputs.find(name) : null;
			if (input == null) {
				return Health.unknown().build();
			}
			return Health.up()
				.withDetail("type", input.type())
				.withDetail("version", input.version())
				.withDetail("input", inputDetails(input))
				.build();
		};
	}

	private static Map<String, Object> inputDetails(InputBindingStatus input) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", input.failing() ? "FAILING" : input.state().name());
		details.put("delivery", input.delivery());
		String lastFailure = input.lastFailure();
		if (lastFailure != null) {
			details.put("lastFailure", lastFailure);
		}
		return details;
	}

	private HealthIndicator indicator(ComponentDefinition definition) {
		return () -> {
			Health.Builder health = Health.unknown()
				.withDetail("type", definition.type())
				.withDetail("version", definition.version());
			InputBindingStatus input = (this.inputs != null) ? this.inputs.find(definition.name()) : null;
			if (input != null) {
				health.withDetail("input", inputDetails(input));
			}
			try {
				this.registry.ping(definition.name()).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
				return health.up().build();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return health.down().withDetail("error", "interrupted").build();
			}
			catch (TimeoutException ex) {
				return health.down().withDetail("error", "no answer within " + this.timeout.toMillis() + " ms").build();
			}
			catch (ExecutionException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				if (cause instanceof UnsupportedOperationException) {
					return health.withDetail("error", String.valueOf(cause.getMessage())).build();
				}
				return health.down()
					.withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage())
					.build();
			}
		};
	}

}
