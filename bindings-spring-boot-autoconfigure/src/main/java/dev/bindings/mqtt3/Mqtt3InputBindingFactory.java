package dev.bindings.mqtt3;

import java.time.Duration;

import dev.bindings.InputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.InputBindingFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttTopic;

/**
 * Creates the input side of {@code bindings.mqtt3} components: a Paho client of its own
 * per component (client ID {@code <consumerID>-consumer}), connected when the binding
 * starts reading, subscribed with QoS 1 to {@code topic}, acknowledging each message
 * after the application processed it.
 * <p>
 * Metadata: those of the output side ({@code url}, {@code topic}, {@code consumerID},
 * {@code cleanSession}, TLS; see {@link Mqtt3BindingMetadata}); {@code topic} may be a
 * topic filter with wildcards. {@code backOffMaxRetries} is how many times a message the
 * application did not process is delivered again (default 3, the default Dapr documents;
 * daprd's code defaults to 0; {@code -1} for no limit) and {@code backOffDuration} the
 * wait before each (default 5 s, daprd's constant back-off). {@code qos} is ignored with
 * daprd's warning: the subscription always has QoS 1.
 */
public class Mqtt3InputBindingFactory implements InputBindingFactory {

	private static final Log logger = LogFactory.getLog(Mqtt3InputBindingFactory.class);

	/** How many times a failed message is delivered again unless told otherwise. */
	static final int DEFAULT_MAX_RETRIES = 3;

	/** The wait before a failed message is delivered again unless told otherwise. */
	static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);

	@Override
	public String type() {
		return "bindings.mqtt3";
	}

	@Override
	public InputBinding create(ComponentDefinition component) throws MqttException {
		Mqtt3BindingMetadata metadata = Mqtt3BindingMetadata.parse(component.metadata());
		ComponentMetadata md = ComponentMetadata.of(component.metadata());
		try {
			MqttTopic.validate(metadata.topic(), true);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid topic: not an MQTT topic filter");
		}
		int maxRetries = md.getInt("backOffMaxRetries", DEFAULT_MAX_RETRIES, -1, Integer.MAX_VALUE,
				"invalid backOffMaxRetries: a whole number, -1 for no limit");
		Duration retryInterval = md.getDuration("backOffDuration", (reason) -> "invalid backOffDuration: " + reason);
		if (retryInterval == null || retryInterval.isNegative()) {
			retryInterval = DEFAULT_RETRY_INTERVAL;
		}
		if (md.getNonEmpty("qos") != null) {
			logger.warn("Metadata property 'qos' has been deprecated and is ignored; qos is set to 1 (input binding '"
					+ component.name() + "')");
		}
		MqttConnectOptions options = Mqtt3Connections.options(metadata);
		// the binding connects again itself, and not while it is paused
		options.setAutomaticReconnect(false);
		MqttAsyncClient client = Mqtt3Connections.client(metadata, metadata.subscriberClientId());
		return new Mqtt3InputBinding(component.name(), metadata.topic(), client, options, retryInterval, maxRetries);
	}

}
