package dev.bindings.testkit;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.registry.InputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Makes the {@code bindings.in-memory} type available whenever the test kit is on the
 * class path (components of other types are untouched; see
 * {@link AutoConfigureInMemoryBindings} to replace them all).
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class, after = InMemoryBindingsAutoConfiguration.class)
public final class InMemoryTypeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InMemoryBindings inMemoryBindings() {
		return InMemoryBindings.forInMemoryType();
	}

	@Bean
	InputBindingFactory inMemoryInputBindings(InMemoryBindings bindings) {
		return bindings.inputBindings();
	}

}
