package dev.bindings;

import org.jspecify.annotations.Nullable;

/**
 * A binding's invocation failed: what an {@link OutputBinding} throws, or completes its
 * future with, whatever its type. The message is Dapr's reason (for example
 * {@code error executing query: ...}) and never holds a secret; the {@link BindingClient}
 * reports it to the caller as a {@link BindingException} naming the binding. A failure
 * can carry the response the binding still has to report, such as the HTTP binding's
 * answer to a non-2xx status: daprd sends that response's metadata as
 * {@code metadata.<key>} headers along with its 500 error.
 */
public class InvocationFailedException extends RuntimeException {

	private final @Nullable BindingResponse response;

	/**
	 * Create a new exception.
	 * @param message the reason, Dapr's text
	 */
	public InvocationFailedException(String message) {
		this(message, (Throwable) null);
	}

	/**
	 * Create a new exception.
	 * @param message the reason, Dapr's text
	 * @param cause the cause, if any
	 */
	public InvocationFailedException(String message, @Nullable Throwable cause) {
		super(message, cause);
		this.response = null;
	}

	/**
	 * Create a new exception.
	 * @param message the reason, Dapr's text
	 * @param response the response whose metadata is reported with the error
	 */
	public InvocationFailedException(String message, BindingResponse response) {
		super(message);
		this.response = response;
	}

	/**
	 * The response that came with the failure, if any.
	 * @return the response or {@code null}
	 */
	public @Nullable BindingResponse getResponse() {
		return this.response;
	}

}
