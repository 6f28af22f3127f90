package dev.bindings.mqtt3.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.mqtt3.Mqtt3InputBindingFactory;
import dev.bindings.mqtt3.Mqtt3OutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code bindings.mqtt3} binding type (output and input), on
 * the Eclipse Paho MQTT v3 client
 * ({@code org.eclipse.paho:org.eclipse.paho.client.mqttv3}).
 * <p>
 * Without the Paho client, a {@code bindings.mqtt3} component fails startup naming the
 * starter to add, {@code dev.bindings:bindings-spring-boot-starter-mqtt3}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class Mqtt3BindingsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MqttAsyncClient.class)
	static class OutputBindingFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Mqtt3OutputBindingFactory mqtt3OutputBindingFactory() {
			return new Mqtt3OutputBindingFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		Mqtt3InputBindingFactory mqtt3InputBindingFactory() {
			return new Mqtt3InputBindingFactory();
		}

	}

	/**
	 * Names the starter to add when the client library is missing; refers to none of its
	 * classes.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.eclipse.paho.client.mqttv3.MqttAsyncClient")
	static class ClientLibraryMissingConfiguration {

		@Bean
		UnavailableBindingType mqtt3UnavailableBindingType() {
			return new UnavailableBindingType("bindings.mqtt3", "dev.bindings:bindings-spring-boot-starter-mqtt3");
		}

	}

}
