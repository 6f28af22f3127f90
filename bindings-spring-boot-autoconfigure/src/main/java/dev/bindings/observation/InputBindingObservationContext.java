package dev.bindings.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The context of one input binding event's delivery to the application. Its carrier is
 * the event's metadata: when tracing is present, the trace of the event's
 * {@code traceparent} (for Kafka, the record's header, as the producer's tracing wrote
 * it) is continued.
 */
public class InputBindingObservationContext extends ReceiverContext<Map<String, String>> {

	private final String bindingName;

	private final String bindingType;

	private final String delivery;

	/**
	 * Create a context.
	 * @param metadata the event's metadata
	 * @param bindingName the input binding's name
	 * @param bindingType the binding's component type
	 * @param delivery {@code route} or {@code handler}
	 */
	public InputBindingObservationContext(Map<String, String> metadata, String bindingName, String bindingType,
			String delivery) {
		super((carrier, key) -> carrier.get(key), Kind.CONSUMER);
		setCarrier(metadata);
		this.bindingName = bindingName;
		this.bindingType = bindingType;
		this.delivery = delivery;
		setRemoteServiceName(bindingName);
	}

	/**
	 * The input binding's name.
	 * @return the name
	 */
	public String getBindingName() {
		return this.bindingName;
	}

	/**
	 * The binding's component type.
	 * @return the type, for example {@code bindings.kafka}
	 */
	public String getBindingType() {
		return this.bindingType;
	}

	/**
	 * How the event is delivered.
	 * @return {@code route} or {@code handler}
	 */
	public String getDelivery() {
		return this.delivery;
	}

}
