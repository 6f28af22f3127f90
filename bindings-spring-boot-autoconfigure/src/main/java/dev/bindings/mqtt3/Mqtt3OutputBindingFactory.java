package dev.bindings.mqtt3;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Creates {@code bindings.mqtt3} bindings: one Paho {@link MqttAsyncClient} per
 * component, with in-memory persistence, connected on the first request.
 *
 * @see Mqtt3BindingMetadata
 * @see Mqtt3OutputBinding
 */
public class Mqtt3OutputBindingFactory implements OutputBindingFactory {

	/** How long a connection attempt may take, in seconds (Dapr waits 10 seconds). */
	static final int CONNECTION_TIMEOUT_SECONDS = 10;

	/** The keep-alive interval, in seconds (Paho Go's default, which Dapr uses). */
	static final int KEEP_ALIVE_SECONDS = 30;

	/** How many QoS 1 messages may await their acknowledgement at once. */
	static final int MAX_INFLIGHT = 1000;

	@Override
	public String type() {
		return "bindings.mqtt3";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) throws MqttException {
		Mqtt3BindingMetadata metadata = Mqtt3BindingMetadata.parse(component.metadata());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(metadata.cleanSession());
		options.setAutomaticReconnect(true);
		options.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
		options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
		options.setMaxInflight(MAX_INFLIGHT);
		if (metadata.username() != null) {
			options.setUserName(metadata.username());
		}
		if (metadata.password() != null) {
			options.setPassword(metadata.password().toCharArray());
		}
		if (metadata.socketFactory() != null) {
			options.setSocketFactory(metadata.socketFactory());
		}
		MqttAsyncClient client = new MqttAsyncClient(metadata.brokerUri(), metadata.clientId(),
				new MemoryPersistence());
		return new Mqtt3OutputBinding(component.name(), metadata, client, options);
	}

}
