package dev.bindings.mqtt3;

import dev.bindings.support.Failures;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * What both sides of a {@code bindings.mqtt3} component connect with: a Paho
 * {@link MqttAsyncClient} with in-memory persistence, and the connection options of the
 * component's metadata (user and password from the URL, TLS, {@code cleanSession}), with
 * Dapr's timeouts.
 */
final class Mqtt3Connections {

	/** How long a connection attempt may take, in seconds (Dapr waits 10 seconds). */
	static final int CONNECTION_TIMEOUT_SECONDS = 10;

	/** The keep-alive interval, in seconds (Paho Go's default, which Dapr uses). */
	static final int KEEP_ALIVE_SECONDS = 30;

	/** How many QoS 1 messages may await their acknowledgement at once. */
	static final int MAX_INFLIGHT = 1000;

	private Mqtt3Connections() {
	}

	/**
	 * The connection options of a component, reconnecting automatically.
	 * @param metadata the component metadata
	 * @return new options
	 */
	static MqttConnectOptions options(Mqtt3BindingMetadata metadata) {
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(metadata.cleanSession());
		options.setAutomaticReconnect(true);
		options.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
		options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
		options.setMaxInflight(MAX_INFLIGHT);
		String username = metadata.username();
		if (username != null) {
			options.setUserName(username);
		}
		String password = metadata.password();
		if (password != null) {
			options.setPassword(password.toCharArray());
		}
		if (metadata.socketFactory() != null) {
			options.setSocketFactory(metadata.socketFactory());
		}
		return options;
	}

	/**
	 * A client of the component's broker, not connected.
	 * @param metadata the component metadata
	 * @param clientId the MQTT client ID
	 * @return the client
	 * @throws MqttException if the client cannot be created
	 */
	static MqttAsyncClient client(Mqtt3BindingMetadata metadata, String clientId) throws MqttException {
		return new MqttAsyncClient(metadata.brokerUri(), clientId, new MemoryPersistence());
	}

	/**
	 * The messages of a failure and its causes, with the reason code of Paho's
	 * exceptions.
	 * @param failure the failure
	 * @return the description
	 */
	static String describe(Throwable failure) {
		return Failures.describe(failure, (current) -> (current instanceof MqttException mqtt)
				? mqtt.getMessage() + " (" + mqtt.getReasonCode() + ")" : current.getMessage());
	}

}
