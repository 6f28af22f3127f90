package dev.bindings.registry;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.UnsupportedOperationBindingException;
import org.jspecify.annotations.Nullable;

/**
 * The {@link BindingClient} of the application: checks the request the way daprd's
 * {@code SendToOutputBinding} does (operation present, binding known, operation supported),
 * invokes the binding and turns every failure into a {@link BindingException} with Dapr's
 * message.
 */
public class DefaultBindingClient implements BindingClient {

	private final OutputBindingRegistry registry;

	private final Function<Object, byte[]> serializer;

	/**
	 * Create a client.
	 * @param registry the bindings
	 * @param serializer turns data objects into JSON bytes (not called for {@code byte[]})
	 */
	public DefaultBindingClient(OutputBindingRegistry registry, Function<Object, byte[]> serializer) {
		this.registry = registry;
		this.serializer = serializer;
	}

	@Override
	public CompletableFuture<BindingResponse> invokeAsync(String name, String operation, @Nullable Object data,
			Map<String, String> metadata) {
		byte[] bytes;
		try {
			bytes = serialize(data);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(
					new BindingException(name, "can't serialize request data field: " + ex.getMessage(), ex));
		}
		return invokeAsync(name, new BindingRequest(operation, bytes, metadata));
	}

	private byte @Nullable [] serialize(@Nullable Object data) {
		if (data == null) {
			return null;
		}
		if (data instanceof byte[] bytes) {
			return bytes;
		}
		return this.serializer.apply(data);
	}

	@Override
	public CompletableFuture<BindingResponse> invokeAsync(String name, BindingRequest request) {
		try {
			if (request.operation().isEmpty()) {
				throw UnsupportedOperationBindingException.missing(name);
			}
			OutputBinding binding = this.registry.get(name);
			if (!binding.operations().contains(request.operation())) {
				throw UnsupportedOperationBindingException.unsupported(name, request.operation(), binding.operations());
			}
			CompletableFuture<BindingResponse> outcome = new CompletableFuture<>();
			binding.invoke(request).whenComplete((response, failure) -> {
				if (failure != null) {
					outcome.completeExceptionally(asBindingException(name, failure));
				}
				else {
					outcome.complete((response != null) ? response : BindingResponse.noContent());
				}
			});
			return outcome;
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(asBindingException(name, ex));
		}
	}

	private static BindingException asBindingException(String name, Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof BindingException bindingException) {
			return bindingException;
		}
		String message = cause.getMessage();
		return new BindingException(name, (message != null) ? message : cause.getClass().getSimpleName(), cause);
	}

}
