package dev.bindings.rabbitmq.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.rabbitmq.RabbitMqOutputBindingFactory;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.rabbitmq} binding type, on Spring AMQP
 * ({@code org.springframework.amqp:spring-rabbit}).
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass(CachingConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class RabbitMqBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RabbitMqOutputBindingFactory rabbitMqOutputBindingFactory() {
		return new RabbitMqOutputBindingFactory();
	}

}
