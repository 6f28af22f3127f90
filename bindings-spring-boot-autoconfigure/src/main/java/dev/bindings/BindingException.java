package dev.bindings;

import org.jspecify.annotations.Nullable;

/**
 * An invocation of an output binding failed. The message is Dapr's:
 * {@code error invoking output binding <name>: <reason>}, the text daprd returns with
 * {@code ERR_INVOKE_OUTPUT_BINDING}.
 */
public class BindingException extends RuntimeException {

	private final String bindingName;

	private final String reason;

	private final @Nullable BindingResponse response;

	/**
	 * Create a new exception.
	 * @param bindingName the name of the binding that was invoked
	 * @param reason what went wrong, without the binding prefix
	 * @param cause the cause, if any
	 */
	public BindingException(String bindingName, String reason, @Nullable Throwable cause) {
		super("error invoking output binding " + bindingName + ": " + reason, cause);
		this.bindingName = bindingName;
		this.reason = reason;
		this.response = (cause instanceof InvocationFailedException failed) ? failed.getResponse() : null;
	}

	/**
	 * The response the binding reported along with the failure, if any (for example the
	 * HTTP binding's status and headers for a non-2xx answer).
	 * @return the response or {@code null}
	 */
	public @Nullable BindingResponse getResponse() {
		return this.response;
	}

	/**
	 * The message as Dapr words it:
	 * {@code error invoking output binding <name>: <reason>}.
	 * @return the message, never {@code null}
	 */
	@Override
	public String getMessage() {
		return "error invoking output binding " + this.bindingName + ": " + this.reason;
	}

	/**
	 * The name of the binding that was invoked.
	 * @return the binding name, as requested
	 */
	public String getBindingName() {
		return this.bindingName;
	}

	/**
	 * What went wrong, without the {@code error invoking output binding <name>: } prefix.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
