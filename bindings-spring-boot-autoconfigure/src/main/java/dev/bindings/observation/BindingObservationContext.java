package dev.bindings.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of one binding invocation. Its carrier is the request metadata: when
 * tracing is present, the current trace context ({@code traceparent}, {@code tracestate})
 * is written into it, as daprd does, so a Kafka record carries exactly one
 * {@code traceparent} header.
 */
public class BindingObservationContext extends SenderContext<Map<String, String>> {

	private final String bindingName;

	private final @Nullable String bindingType;

	private final String operation;

	private final boolean known;

	private final boolean operationSupported;

	/**
	 * Create a context.
	 * @param metadata the request metadata, mutable: propagation writes into it
	 * @param bindingName the binding name as requested
	 * @param bindingType the binding's component type, or {@code null} for an unknown
	 * binding
	 * @param operation the operation as requested
	 * @param operationSupported whether the binding supports the operation
	 */
	public BindingObservationContext(Map<String, String> metadata, String bindingName, @Nullable String bindingType,
			String operation, boolean operationSupported) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		}, Kind.PRODUCER);
		setCarrier(metadata);
		this.bindingName = bindingName;
		this.bindingType = bindingType;
		this.operation = operation;
		this.known = bindingType != null;
		this.operationSupported = operationSupported;
		setRemoteServiceName(bindingName);
	}

	/**
	 * The binding name as requested.
	 * @return the name
	 */
	public String getBindingName() {
		return this.bindingName;
	}

	/**
	 * The component type of the binding.
	 * @return the type, or {@code null} for an unknown binding
	 */
	public @Nullable String getBindingType() {
		return this.bindingType;
	}

	/**
	 * The operation as requested.
	 * @return the operation
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Whether a binding of the requested name exists.
	 * @return whether the binding is known
	 */
	public boolean isKnown() {
		return this.known;
	}

	/**
	 * Whether the binding supports the requested operation.
	 * @return whether the operation is supported
	 */
	public boolean isOperationSupported() {
		return this.operationSupported;
	}

}
