package dev.bindings.mqtt3;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Creates {@code bindings.mqtt3} bindings: one Paho {@link MqttAsyncClient} per
 * component, with in-memory persistence, connected on the first request.
 *
 * @see Mqtt3BindingMetadata
 * @see Mqtt3OutputBinding
 */
public class Mqtt3OutputBindingFactory implements OutputBindingFactory {

	@Override
	public String type() {
		return "bindings.mqtt3";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) throws MqttException {
		Mqtt3BindingMetadata metadata = Mqtt3BindingMetadata.parse(component.metadata());
		MqttAsyncClient client = Mqtt3Connections.client(metadata, metadata.clientId());
		MqttConnectOptions options = Mqtt3Connections.options(metadata);
		return new Mqtt3OutputBinding(component.name(), metadata, client, options);
	}

}
