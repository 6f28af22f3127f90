package dev.bindings;

import org.jspecify.annotations.Nullable;

/**
 * The application did not process an input binding event: its route answered with a
 * status other than 2xx ({@code fails to send binding event to http app channel, status
 * code: 500 body: ...}, daprd's text), could not be reached ({@code error invoking app:
 * ...}), or the binding was closed ({@code input binding is closed}). A
 * {@link BindingListener} method's own exception is reported as it was thrown, except by
 * the test kit, which wraps it in this type.
 */
public class DeliveryFailedException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message the reason
	 */
	public DeliveryFailedException(String message) {
		super(message);
	}

	/**
	 * Create a new exception.
	 * @param message the reason
	 * @param cause the cause, if any
	 */
	public DeliveryFailedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
