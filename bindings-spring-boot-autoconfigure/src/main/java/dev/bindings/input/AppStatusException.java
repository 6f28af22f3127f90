package dev.bindings.input;

import dev.bindings.DeliveryFailedException;

/**
 * The application's route answered an event's {@code POST} with a status other than 2xx
 * (daprd's {@code fails to send binding event to http app channel, status code: N body:
 * ...}). The status decides whether a retry policy retries it
 * ({@code matching.httpStatusCodes}).
 */
public class AppStatusException extends DeliveryFailedException {

	private final int statusCode;

	/**
	 * Create a new exception.
	 * @param statusCode the status
	 * @param body the beginning of the answer's body, for the message
	 */
	public AppStatusException(int statusCode, String body) {
		super("fails to send binding event to http app channel, status code: " + statusCode + " body: " + body);
		this.statusCode = statusCode;
	}

	/**
	 * The status the route answered with.
	 * @return the status
	 */
	public int statusCode() {
		return this.statusCode;
	}

}
