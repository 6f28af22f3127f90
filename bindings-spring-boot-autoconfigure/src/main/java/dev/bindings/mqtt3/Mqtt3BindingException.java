package dev.bindings.mqtt3;

import org.jspecify.annotations.Nullable;

/**
 * A publish through a {@code bindings.mqtt3} binding failed. The message is Dapr's reason, for
 * example {@code failed to publish: ...}.
 */
public class Mqtt3BindingException extends RuntimeException {

	public Mqtt3BindingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
