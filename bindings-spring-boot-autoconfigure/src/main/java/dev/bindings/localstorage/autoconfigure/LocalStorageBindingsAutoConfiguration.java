package dev.bindings.localstorage.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.localstorage.LocalStorageOutputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.localstorage} binding type.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class LocalStorageBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LocalStorageOutputBindingFactory localStorageOutputBindingFactory() {
		return new LocalStorageOutputBindingFactory();
	}

}
