package dev.bindings.actuate;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the output bindings, one entry per binding: each binding is pinged (for
 * Kafka, a bounded cluster describe). It belongs in the readiness group: a broker that is
 * down makes the app unready, not dead. Details never include metadata values.
 */
public class BindingsHealthContributor implements CompositeHealthContributor {

	private final OutputBindingRegistry registry;

	private final Duration timeout;

	/**
	 * Create a contributor.
	 * @param registry the bindings
	 * @param timeout how long one ping may take
	 */
	public BindingsHealthContributor(OutputBindingRegistry registry, Duration timeout) {
		this.registry = registry;
		this.timeout = timeout;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		ComponentDefinition definition = this.registry.definition(name);
		return (definition != null) ? indicator(definition) : null;
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.registry.definitions()
			.stream()
			.map((definition) -> new HealthContributors.Entry(definition.name(), indicator(definition)));
	}

	private HealthIndicator indicator(ComponentDefinition definition) {
		return () -> {
			Health.Builder health = Health.unknown()
				.withDetail("type", definition.type())
				.withDetail("version", definition.version());
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
