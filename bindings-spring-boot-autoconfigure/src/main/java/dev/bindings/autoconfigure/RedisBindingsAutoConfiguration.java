package dev.bindings.autoconfigure;

import dev.bindings.redis.RedisOutputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.redis} binding type.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class RedisBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisOutputBindingFactory redisOutputBindingFactory() {
		return new RedisOutputBindingFactory();
	}

}
