package dev.bindings.smtp;

import org.jspecify.annotations.Nullable;

/**
 * A mail could not be sent through a {@code bindings.smtp} binding. The message is Dapr's
 * reason, for example
 * {@code smtp binding error: emailTo property not supplied in configuration- or request-metadata};
 * it never contains the password.
 */
public class SmtpBindingException extends RuntimeException {

	public SmtpBindingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
