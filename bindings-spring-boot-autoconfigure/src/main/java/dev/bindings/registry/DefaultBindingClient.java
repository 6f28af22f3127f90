package dev.bindings.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.BindingNotFoundException;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.UnsupportedOperationBindingException;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.observation.BindingObservation;
import dev.bindings.observation.BindingObservationContext;
import dev.bindings.observation.BindingObservationConvention;
import dev.bindings.observation.DefaultBindingObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@link BindingClient} of the application: checks the request the way daprd's
 * {@code SendToOutputBinding} does (operation present, binding known, operation
 * supported), invokes the binding and turns every failure into a {@link BindingException}
 * with Dapr's message.
 * <p>
 * Cancelling the returned future cancels the binding's own future (through the
 * decorators, resiliency policies included), so that a caller that gives up (Dapr's API
 * after its request timeout, a gRPC call cancelled by its client or past its deadline)
 * lets the binding stop its work, if it can.
 */
public class DefaultBindingClient implements BindingClient {

	private final OutputBindingRegistry registry;

	private final Function<Object, byte[]> serializer;

	private final ObservationRegistry observationRegistry;

	private final @Nullable BindingObservationConvention convention;

	private static final DefaultBindingObservationConvention DEFAULT_CONVENTION = new DefaultBindingObservationConvention();

	/**
	 * Create a client.
	 * @param registry the bindings
	 * @param serializer turns data objects into JSON bytes (not called for
	 * {@code byte[]})
	 */
	public DefaultBindingClient(OutputBindingRegistry registry, Function<Object, byte[]> serializer) {
		this(registry, serializer, ObservationRegistry.NOOP, null);
	}

	/**
	 * Create a client that observes every invocation.
	 * @param registry the bindings
	 * @param serializer turns data objects into JSON bytes (not called for
	 * {@code byte[]})
	 * @param observationRegistry the observation registry
	 * @param convention a custom convention, or {@code null} for the default one
	 */
	public DefaultBindingClient(OutputBindingRegistry registry, Function<Object, byte[]> serializer,
			ObservationRegistry observationRegistry, @Nullable BindingObservationConvention convention) {
		this.registry = registry;
		this.serializer = serializer;
		this.observationRegistry = observationRegistry;
		this.convention = convention;
	}

	@Override
	public CompletableFuture<BindingResponse> invokeAsync(String name, String operation, @Nullable Object data,
			Map<String, String> metadata) {
		byte[] bytes;
		try {
			bytes = serialize(data);
		}
		catch (RuntimeException ex) {
			return CompletableFuture
				.failedFuture(new BindingException(name, "can't serialize request data field: " + ex.getMessage(), ex));
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
		OutputBinding binding = this.registry.find(name);
		if (this.observationRegistry.isNoop()) {
			return invoke(name, binding, request);
		}
		ComponentDefinition definition = (binding != null) ? this.registry.definition(name) : null;
		boolean supported = binding != null && binding.operations().contains(request.operation());
		Map<String, String> metadata = new LinkedHashMap<>(request.metadata());
		BindingObservationContext context = new BindingObservationContext(metadata, name,
				(definition != null) ? definition.type() : null, request.operation(), supported);
		Observation observation = BindingObservation.INVOCATION.observation(this.convention, DEFAULT_CONVENTION,
				() -> context, this.observationRegistry);
		observation.start();
		// tracing wrote the current trace context (traceparent, tracestate) into the
		// metadata
		BindingRequest observed = metadata.equals(request.metadata()) ? request
				: new BindingRequest(request.operation(), request.data(), metadata);
		CompletableFuture<BindingResponse> result;
		try (Observation.Scope scope = observation.openScope()) {
			result = invoke(name, binding, observed);
		}
		// completes once the observation has stopped; its cancellation reaches the
		// binding
		ForwardingCancellation<BindingResponse> observedResult = new ForwardingCancellation<>(result);
		result.whenComplete((response, failure) -> {
			if (failure != null) {
				observation.error(failure);
			}
			observation.stop();
			if (failure != null) {
				observedResult.completeExceptionally(failure);
			}
			else {
				observedResult.complete(response);
			}
		});
		return observedResult;
	}

	private CompletableFuture<BindingResponse> invoke(String name, @Nullable OutputBinding binding,
			BindingRequest request) {
		try {
			if (request.operation().isEmpty()) {
				throw UnsupportedOperationBindingException.missing(name);
			}
			if (binding == null) {
				throw new BindingNotFoundException(name);
			}
			if (!binding.operations().contains(request.operation())) {
				throw UnsupportedOperationBindingException.unsupported(name, request.operation(), binding.operations());
			}
			CompletableFuture<BindingResponse> call = binding.invoke(request);
			ForwardingCancellation<BindingResponse> outcome = new ForwardingCancellation<>(call);
			call.whenComplete((response, failure) -> {
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
