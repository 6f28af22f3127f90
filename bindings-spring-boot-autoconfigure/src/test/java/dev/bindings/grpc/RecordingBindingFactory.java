package dev.bindings.grpc;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;

/**
 * A binding type for tests, {@code bindings.test.recording}: operation {@code create}
 * keeps the request it received, exactly as the binding got it, and answers with no
 * content.
 */
class RecordingBindingFactory implements OutputBindingFactory {

	private final BlockingQueue<BindingRequest> requests = new LinkedBlockingQueue<>();

	@Override
	public String type() {
		return "bindings.test.recording";
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
				RecordingBindingFactory.this.requests.add(request);
				return CompletableFuture.completedFuture(BindingResponse.noContent());
			}

		};
	}

	/**
	 * Forget the requests received so far.
	 */
	void clear() {
		this.requests.clear();
	}

	/**
	 * The next request a binding of this type received.
	 * @return the request
	 * @throws InterruptedException if interrupted while waiting
	 */
	BindingRequest next() throws InterruptedException {
		BindingRequest request = this.requests.poll(10, TimeUnit.SECONDS);
		if (request == null) {
			throw new AssertionError("the binding received no request");
		}
		return request;
	}

}
