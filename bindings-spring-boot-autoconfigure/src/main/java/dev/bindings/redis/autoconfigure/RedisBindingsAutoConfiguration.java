package dev.bindings.redis.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.redis.RedisOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import io.lettuce.core.RedisClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of the {@code bindings.redis} binding type, on Spring Data Redis
 * ({@code org.springframework.data:spring-data-redis}) with Lettuce
 * ({@code io.lettuce:lettuce-core}).
 * <p>
 * Without Spring Data Redis or Lettuce, a {@code bindings.redis} component fails startup
 * naming the starter to add, {@code dev.bindings:bindings-spring-boot-starter-redis}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class RedisBindingsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
	static class OutputBindingFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisOutputBindingFactory redisOutputBindingFactory() {
			return new RedisOutputBindingFactory();
		}

	}

	/**
	 * Names the starter to add when the client library is missing; refers to none of its
	 * classes.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(ClientLibraryMissingCondition.class)
	static class ClientLibraryMissingConfiguration {

		@Bean
		UnavailableBindingType redisUnavailableBindingType() {
			return new UnavailableBindingType("bindings.redis", "dev.bindings:bindings-spring-boot-starter-redis");
		}

	}

	/**
	 * Matches when any of the classes the binding factory needs is missing.
	 */
	static final class ClientLibraryMissingCondition extends NoneNestedConditions {

		ClientLibraryMissingCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(name = { "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
				"io.lettuce.core.RedisClient" })
		static final class ClientLibraryPresent {

		}

	}

}
