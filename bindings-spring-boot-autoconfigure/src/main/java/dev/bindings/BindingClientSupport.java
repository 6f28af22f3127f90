package dev.bindings;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Helpers shared by the blocking {@link BindingClient} methods.
 */
final class BindingClientSupport {

	private BindingClientSupport() {
	}

	static BindingResponse join(String name, CompletableFuture<BindingResponse> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BindingException(name, "interrupted while waiting for the binding", ex);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof BindingException bindingException) {
				throw bindingException;
			}
			throw new BindingException(name, String.valueOf(cause.getMessage()), cause);
		}
		catch (CancellationException ex) {
			throw new BindingException(name, "the invocation was cancelled", ex);
		}
	}

}
