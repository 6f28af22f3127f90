package dev.bindings.http.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.BindingsProperties;
import dev.bindings.http.HttpOutputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.http} binding type. Its bindings fail on
 * response bodies larger than {@code bindings.limits.max-response-size}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BindingsProperties.class)
public final class HttpBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpOutputBindingFactory httpOutputBindingFactory(BindingsProperties properties) {
		return new HttpOutputBindingFactory(properties.getLimits().getMaxResponseSize().toBytes());
	}

}
