package dev.bindings;

/**
 * Thrown (or completed exceptionally) by a binding that failed but still has a response to
 * report, such as the HTTP binding's answer to a non-2xx status: daprd sends that response's
 * metadata as {@code metadata.<key>} headers along with its 500 error.
 */
public class InvocationFailedException extends RuntimeException {

	private final BindingResponse response;

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
	 * The response that came with the failure.
	 * @return the response
	 */
	public BindingResponse getResponse() {
		return this.response;
	}

}
