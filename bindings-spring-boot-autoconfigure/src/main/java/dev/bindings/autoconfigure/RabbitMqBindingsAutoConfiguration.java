package dev.bindings.autoconfigure;

import dev.bindings.rabbitmq.RabbitMqOutputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.rabbitmq} binding type.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.amqp.rabbit.core.RabbitTemplate")
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class RabbitMqBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RabbitMqOutputBindingFactory rabbitmqOutputBindingFactory() {
		return new RabbitMqOutputBindingFactory();
	}

}
