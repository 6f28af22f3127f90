package dev.bindings.redis.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.redis.RedisOutputBindingFactory;
import io.lettuce.core.RedisClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of the {@code bindings.redis} binding type, on Spring Data Redis
 * ({@code org.springframework.data:spring-data-redis}) with Lettuce
 * ({@code io.lettuce:lettuce-core}).
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class RedisBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisOutputBindingFactory redisOutputBindingFactory() {
		return new RedisOutputBindingFactory();
	}

}
