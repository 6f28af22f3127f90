package dev.bindings.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * An invocation of a SQL output binding failed. The message is Dapr's reason, for example
 * {@code required metadata not set: sql} or {@code error executing query: ...}; it never
 * contains the component's password or connection string.
 */
public class JdbcBindingException extends RuntimeException {

	public JdbcBindingException(String message) {
		super(message);
	}

	public JdbcBindingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
