package dev.bindings.redis;

import org.jspecify.annotations.Nullable;

/**
 * A request to a {@code bindings.redis} binding failed. The message is Dapr's reason, for
 * example {@code redis binding: missing key in request metadata}, or Redis's own error text;
 * it never contains the password.
 */
public class RedisBindingException extends RuntimeException {

	public RedisBindingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
