package dev.bindings;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Invokes output bindings by name, in-process: the Java counterpart of Dapr's {@code POST
 * /v1.0/bindings/{name}}, and the one path that the HTTP endpoint uses too.
 * <p>
 * Data handed to the {@code Object} variants is serialised with the application's JSON
 * mapper (a {@code String} becomes a quoted JSON string, as with Dapr's SDKs);
 * {@code byte[]} passes through unchanged; {@code null} means no data (for Kafka, a
 * tombstone).
 * <p>
 * Every failure (unknown binding, missing or unsupported operation, delivery failure) is
 * a {@link BindingException} whose message is Dapr's
 * {@code error invoking output binding ...} text. The blocking variants throw it; the
 * asynchronous ones complete exceptionally with it.
 */
public interface BindingClient {

	/**
	 * Invoke a binding and wait for the result.
	 * @param name the binding (component) name
	 * @param operation the operation, for example {@code create}
	 * @param data the data: {@code byte[]} as is, anything else as JSON, {@code null} for
	 * none
	 * @param metadata the request metadata
	 * @return the response
	 * @throws BindingException if the invocation fails
	 */
	default BindingResponse invoke(String name, String operation, @Nullable Object data, Map<String, String> metadata) {
		return BindingClientSupport.join(name, invokeAsync(name, operation, data, metadata));
	}

	/**
	 * Invoke a binding with no metadata and wait for the result.
	 * @param name the binding (component) name
	 * @param operation the operation
	 * @param data the data: {@code byte[]} as is, anything else as JSON, {@code null} for
	 * none
	 * @return the response
	 * @throws BindingException if the invocation fails
	 */
	default BindingResponse invoke(String name, String operation, @Nullable Object data) {
		return invoke(name, operation, data, Map.of());
	}

	/**
	 * Invoke a binding with a prepared request and wait for the result.
	 * @param name the binding (component) name
	 * @param request the request
	 * @return the response
	 * @throws BindingException if the invocation fails
	 */
	default BindingResponse invoke(String name, BindingRequest request) {
		return BindingClientSupport.join(name, invokeAsync(name, request));
	}

	/**
	 * Invoke a binding without waiting.
	 * @param name the binding (component) name
	 * @param operation the operation
	 * @param data the data: {@code byte[]} as is, anything else as JSON, {@code null} for
	 * none
	 * @param metadata the request metadata
	 * @return a future of the response; it completes exceptionally with a
	 * {@link BindingException}
	 */
	CompletableFuture<BindingResponse> invokeAsync(String name, String operation, @Nullable Object data,
			Map<String, String> metadata);

	/**
	 * Invoke a binding with a prepared request without waiting.
	 * @param name the binding (component) name
	 * @param request the request
	 * @return a future of the response; it completes exceptionally with a
	 * {@link BindingException}
	 */
	CompletableFuture<BindingResponse> invokeAsync(String name, BindingRequest request);

}
