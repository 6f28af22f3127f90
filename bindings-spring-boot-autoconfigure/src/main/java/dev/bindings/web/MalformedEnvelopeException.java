package dev.bindings.web;

/**
 * A request body is not a valid Dapr output binding envelope. The message is daprd's:
 * {@code failed deserializing HTTP body: <Go encoding/json error>}.
 */
public class MalformedEnvelopeException extends Exception {

	private final String detail;

	MalformedEnvelopeException(String detail) {
		super("failed deserializing HTTP body: " + detail, null, false, false);
		this.detail = detail;
	}

	/**
	 * The decoding error, without the {@code failed deserializing HTTP body: } prefix.
	 * @return the detail
	 */
	public String getDetail() {
		return this.detail;
	}

}
