package dev.bindings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One invocation of an output binding, as Dapr's {@code InvokeRequest}: an operation, the
 * data bytes and the request metadata.
 * <p>
 * Over HTTP, {@code data} holds the JSON text of the envelope's {@code data} field (a
 * JSON string keeps its quotes, an absent or {@code null} field is the four bytes
 * {@code null}). From Java, {@code null} data means "no data".
 *
 * @param operation the operation, for example {@code create}; never {@code null}, may be
 * empty
 * @param data the payload bytes, or {@code null} for none
 * @param metadata the request metadata, unmodifiable, in insertion order
 */
public record BindingRequest(String operation, byte @Nullable [] data, Map<String, String> metadata) {

	public BindingRequest {
		metadata = (metadata.isEmpty()) ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/**
	 * Create a request with no metadata.
	 * @param operation the operation
	 * @param data the payload bytes, or {@code null}
	 * @return a new request
	 */
	public static BindingRequest of(String operation, byte @Nullable [] data) {
		return new BindingRequest(operation, data, Map.of());
	}

	@Override
	public String toString() {
		return "BindingRequest[operation=" + this.operation + ", data="
				+ ((this.data != null) ? this.data.length + " bytes" : "none") + ", metadata=" + this.metadata.keySet()
				+ "]";
	}

}
