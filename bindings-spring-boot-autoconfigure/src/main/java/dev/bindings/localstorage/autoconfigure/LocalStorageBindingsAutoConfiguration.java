package dev.bindings.localstorage.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.BindingsProperties;
import dev.bindings.localstorage.LocalStorageOutputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.localstorage} binding type. Its {@code get}
 * answers no file larger than {@code bindings.limits.max-response-size}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BindingsProperties.class)
public final class LocalStorageBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LocalStorageOutputBindingFactory localStorageOutputBindingFactory(BindingsProperties properties) {
		return new LocalStorageOutputBindingFactory(properties.getLimits().getMaxResponseSize().toBytes());
	}

}
