package dev.bindings.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A future that completes with another one's outcome, told by its owner, and passes its
 * own cancellation on to that other future: a caller that gives up on an invocation
 * (Dapr's API after its request timeout, a gRPC call cancelled or past its deadline)
 * cancels the binding's future too, so that a binding that can stop its work stops it.
 *
 * @param <T> the result type
 */
final class ForwardingCancellation<T> extends CompletableFuture<T> {

	private final Future<?> upstream;

	ForwardingCancellation(Future<?> upstream) {
		this.upstream = upstream;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		this.upstream.cancel(mayInterruptIfRunning);
		return cancelled;
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		return new CompletableFuture<>();
	}

}
