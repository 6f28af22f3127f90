package dev.bindings.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;

/**
 * A binding type for tests, registered the way users add their own:
 * {@code bindings.test.echo} answers {@code get} with the request data and metadata,
 * {@code create} with no content and {@code fail} with an error, {@code reject} with an
 * error that carries response metadata. With request metadata {@code echo.delayMs}, the
 * outcome comes that many milliseconds later, from another thread.
 */
public class EchoBindingFactory implements OutputBindingFactory {

	@Override
	public String type() {
		return "bindings.test.echo";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		if (component.metadata().containsKey("invalid")) {
			throw new IllegalArgumentException("echo error: 'invalid' is not allowed");
		}
		return new OutputBinding() {

			@Override
			public List<String> operations() {
				return List.of("create", "get", "fail", "reject");
			}

			@Override
			public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
				String delay = request.metadata().get("echo.delayMs");
				if (delay == null) {
					return outcome(request);
				}
				Executor later = CompletableFuture.delayedExecutor(Long.parseLong(delay), TimeUnit.MILLISECONDS);
				return CompletableFuture.supplyAsync(() -> outcome(request), later).thenCompose((outcome) -> outcome);
			}

			private CompletableFuture<BindingResponse> outcome(BindingRequest request) {
				return switch (request.operation()) {
					case "get" -> CompletableFuture.completedFuture(BindingResponse
						.of((request.data() != null) ? request.data() : new byte[0], request.metadata()));
					case "fail" -> CompletableFuture.failedFuture(new IllegalStateException("the echo failed"));
					case "reject" ->
						CompletableFuture.failedFuture(new InvocationFailedException("received status code 404",
								BindingResponse.of(new byte[0], Map.of("statusCode", "404"))));
					default -> CompletableFuture.completedFuture(BindingResponse.noContent());
				};
			}

		};
	}

	/**
	 * A component definition of this type.
	 * @param name the component name
	 * @return the definition
	 */
	public static ComponentDefinition component(String name) {
		return new ComponentDefinition(name, "bindings.test.echo", "v1", Map.of(), List.of(), false, null, "test");
	}

}
