package dev.bindings.rabbitmq.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.rabbitmq.RabbitMqInputBindingFactory;
import dev.bindings.rabbitmq.RabbitMqOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code bindings.rabbitmq} binding type, on Spring AMQP
 * ({@code org.springframework.amqp:spring-rabbit}).
 * <p>
 * Without Spring AMQP, a {@code bindings.rabbitmq} component fails startup naming the
 * starter to add, {@code dev.bindings:bindings-spring-boot-starter-rabbitmq}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class RabbitMqBindingsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CachingConnectionFactory.class)
	static class OutputBindingFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RabbitMqOutputBindingFactory rabbitMqOutputBindingFactory() {
			return new RabbitMqOutputBindingFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		RabbitMqInputBindingFactory rabbitMqInputBindingFactory() {
			return new RabbitMqInputBindingFactory();
		}

	}

	/**
	 * Names the starter to add when the client library is missing; refers to none of its
	 * classes.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.amqp.rabbit.connection.CachingConnectionFactory")
	static class ClientLibraryMissingConfiguration {

		@Bean
		UnavailableBindingType rabbitMqUnavailableBindingType() {
			return new UnavailableBindingType("bindings.rabbitmq",
					"dev.bindings:bindings-spring-boot-starter-rabbitmq");
		}

	}

}
