package dev.bindings.resiliency;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;

/**
 * A binding wrapped in its resiliency policies, in daprd's order: retry outermost, then
 * the circuit breaker, then a timeout per attempt.
 * <p>
 * A timed-out attempt is not abandoned: its call goes on, and the next attempt of the
 * same request waits for that call's outcome instead of sending again. So a retry after a
 * timeout never duplicates the request (a Kafka record, for example); only an attempt
 * that failed is sent again.
 * <p>
 * Cancelling the returned future cancels the call in progress (the binding's own future)
 * and ends the retries: no attempt is sent after it.
 */
final class ResilientOutputBinding implements OutputBinding {

	static final String DEADLINE_EXCEEDED = "context deadline exceeded";

	private final OutputBinding delegate;

	private final @Nullable Long timeoutMillis;

	private final @Nullable Retry retry;

	private final @Nullable CircuitBreaker breaker;

	private final ScheduledExecutorService scheduler;

	ResilientOutputBinding(OutputBinding delegate, @Nullable Long timeoutMillis, @Nullable Retry retry,
			@Nullable CircuitBreaker breaker, ScheduledExecutorService scheduler) {
		this.delegate = delegate;
		this.timeoutMillis = timeoutMillis;
		this.retry = retry;
		this.breaker = breaker;
		this.scheduler = scheduler;
	}

	@Override
	public List<String> operations() {
		return this.delegate.operations();
	}

	@Override
	public CompletableFuture<Void> ping() {
		return this.delegate.ping();
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		Invocation result = new Invocation();
		Supplier<CompletionStage<BindingResponse>> attempt = () -> attempt(request, result);
		if (this.breaker != null) {
			Supplier<CompletionStage<BindingResponse>> inner = attempt;
			CircuitBreaker breaker = this.breaker;
			attempt = () -> CircuitBreaker.decorateCompletionStage(breaker, inner).get();
		}
		if (this.retry != null) {
			attempt = Retry.decorateCompletionStage(this.retry, this.scheduler, attempt);
		}
		try {
			attempt.get().whenComplete((response, failure) -> {
				if (failure != null) {
					result.completeExceptionally(translate(failure));
				}
				else {
					result.complete(response);
				}
			});
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(translate(ex));
		}
		return result;
	}

	private CompletionStage<BindingResponse> attempt(BindingRequest request, Invocation invocation) {
		AtomicReference<@Nullable CompletableFuture<BindingResponse>> pending = invocation.pending;
		if (invocation.isCancelled()) {
			// the caller gave up: no further attempt (the retry stops on this failure)
			return CompletableFuture.failedFuture(new CancellationException("the invocation was cancelled"));
		}
		CompletableFuture<BindingResponse> call = pending.get();
		if (call == null || call.isCompletedExceptionally()) {
			// the first attempt, or the previous one failed: send (again)
			call = this.delegate.invoke(request);
			pending.set(call);
			if (invocation.isCancelled()) {
				// cancelled while the attempt was being sent
				call.cancel(false);
			}
		}
		// otherwise the previous attempt timed out while its call goes on: wait for that
		// call
		CompletableFuture<BindingResponse> waiting = call.copy();
		if (this.timeoutMillis != null) {
			waiting = waiting.orTimeout(this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
		return waiting.handle((response, failure) -> {
			if (failure == null) {
				return response;
			}
			Throwable cause = unwrap(failure);
			if (cause instanceof TimeoutException) {
				throw new CompletionException(new DeadlineExceededException());
			}
			throw (failure instanceof CompletionException completion) ? completion : new CompletionException(cause);
		});
	}

	private static Throwable translate(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof CallNotPermittedException) {
			return new IllegalStateException("circuit breaker is open", cause);
		}
		return cause;
	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * The future of one invocation: its cancellation cancels the call in progress.
	 */
	private static final class Invocation extends CompletableFuture<BindingResponse> {

		final AtomicReference<@Nullable CompletableFuture<BindingResponse>> pending = new AtomicReference<>();

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			boolean cancelled = super.cancel(mayInterruptIfRunning);
			CompletableFuture<BindingResponse> call = this.pending.get();
			if (call != null) {
				call.cancel(mayInterruptIfRunning);
			}
			return cancelled;
		}

		@Override
		public <U> CompletableFuture<U> newIncompleteFuture() {
			return new CompletableFuture<>();
		}

	}

	/**
	 * An attempt ran out of time (daprd's {@code context deadline exceeded}).
	 */
	static final class DeadlineExceededException extends RuntimeException {

		DeadlineExceededException() {
			super(DEADLINE_EXCEEDED, null, false, false);
		}

	}

}
