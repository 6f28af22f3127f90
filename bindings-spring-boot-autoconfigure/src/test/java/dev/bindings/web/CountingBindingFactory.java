package dev.bindings.web;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;

/**
 * A binding type for tests, {@code bindings.test.counting}: {@code create} counts its
 * invocations and answers no content, so a test can show that a refused request never
 * reached the binding.
 */
class CountingBindingFactory implements OutputBindingFactory {

	final AtomicInteger invocations = new AtomicInteger();

	@Override
	public String type() {
		return "bindings.test.counting";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		return new OutputBinding() {

			@Override
			public List<String> operations() {
				return List.of("create");
			}

			@Override
			public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
				CountingBindingFactory.this.invocations.incrementAndGet();
				return CompletableFuture.completedFuture(BindingResponse.noContent());
			}

		};
	}

}
