package dev.bindings.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers for tests that invoke output bindings directly.
 */
public final class Bindings {

	/** How long a test waits for a binding to answer. */
	public static final Duration TIMEOUT = Duration.ofSeconds(30);

	private Bindings() {
	}

	/**
	 * A component definition as if read from a component file.
	 * @param name the component name
	 * @param type the component type
	 * @param metadata the metadata
	 * @return the definition
	 */
	public static ComponentDefinition component(String name, String type, Map<String, String> metadata) {
		return new ComponentDefinition(name, type, "v1", metadata, List.of(), false, null, "test");
	}

	/**
	 * Invoke a binding and wait for its answer.
	 * @param binding the binding
	 * @param operation the operation
	 * @param data the data, or {@code null}
	 * @param metadata the request metadata
	 * @return the response
	 */
	public static BindingResponse invoke(OutputBinding binding, String operation, byte @Nullable [] data,
			Map<String, String> metadata) {
		CompletableFuture<BindingResponse> future = binding.invoke(new BindingRequest(operation, data, metadata));
		assertThat(future).succeedsWithin(TIMEOUT);
		return future.join();
	}

	/**
	 * Invoke a binding that is expected to fail and return the failure.
	 * @param binding the binding
	 * @param operation the operation
	 * @param data the data, or {@code null}
	 * @param metadata the request metadata
	 * @return the exception the future completed with
	 */
	public static Throwable failure(OutputBinding binding, String operation, byte @Nullable [] data,
			Map<String, String> metadata) {
		CompletableFuture<BindingResponse> future = binding.invoke(new BindingRequest(operation, data, metadata));
		assertThat(future).failsWithin(TIMEOUT);
		try {
			future.get();
			throw new AssertionError("expected a failure");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
