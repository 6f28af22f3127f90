package dev.bindings.web;

/**
 * The body of a {@code /v1.0/bindings/{name}} request is not a valid Dapr envelope. daprd
 * answers such a request with {@code 400} and {@code ERR_MALFORMED_REQUEST}, and
 * {@link #getMessage()} is the message it would send.
 * <p>
 * The exception carries no stack trace: it describes the client's input, not a fault of
 * this process.
 */
final class MalformedEnvelopeException extends Exception {

	/**
	 * The prefix daprd puts in front of the decoding error.
	 */
	static final String MESSAGE_PREFIX = "failed deserializing HTTP body: ";

	private final String detail;

	/**
	 * Create a new exception.
	 * @param detail the decoding error as Go's {@code encoding/json} words it, for
	 * example {@code unexpected EOF}
	 */
	MalformedEnvelopeException(String detail) {
		super(MESSAGE_PREFIX + detail, null, false, false);
		this.detail = detail;
	}

	/**
	 * The message daprd sends: {@code failed deserializing HTTP body: <detail>}.
	 * @return the message, never {@code null}
	 */
	@Override
	public String getMessage() {
		return MESSAGE_PREFIX + this.detail;
	}

	/**
	 * The decoding error, without the {@code failed deserializing HTTP body: } prefix.
	 * @return the detail, for example
	 * {@code invalid character 'o' in literal null (expecting 'u')}
	 */
	String getDetail() {
		return this.detail;
	}

}
