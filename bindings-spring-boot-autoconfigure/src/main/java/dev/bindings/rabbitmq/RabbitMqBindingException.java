package dev.bindings.rabbitmq;

import org.jspecify.annotations.Nullable;

/**
 * A publish through a {@code bindings.rabbitmq} binding failed. The message is Dapr's reason,
 * for example {@code failed to publish message: ...}; it never contains the broker URI.
 */
public class RabbitMqBindingException extends RuntimeException {

	public RabbitMqBindingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
