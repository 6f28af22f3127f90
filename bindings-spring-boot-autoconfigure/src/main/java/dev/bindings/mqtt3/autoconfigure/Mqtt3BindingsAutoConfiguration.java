package dev.bindings.mqtt3.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.mqtt3.Mqtt3OutputBindingFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.mqtt3} binding type, on the Eclipse Paho MQTT v3
 * client ({@code org.eclipse.paho:org.eclipse.paho.client.mqttv3}).
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass(MqttAsyncClient.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class Mqtt3BindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Mqtt3OutputBindingFactory mqtt3OutputBindingFactory() {
		return new Mqtt3OutputBindingFactory();
	}

}
