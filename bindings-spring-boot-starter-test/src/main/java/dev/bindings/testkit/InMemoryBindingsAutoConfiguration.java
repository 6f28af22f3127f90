package dev.bindings.testkit;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test auto-configuration behind {@link AutoConfigureInMemoryBindings}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
public final class InMemoryBindingsAutoConfiguration {

	@Bean
	@Primary
	InMemoryBindings inMemoryBindingsReplacingAllTypes() {
		return InMemoryBindings.replacingAllTypes();
	}

}
