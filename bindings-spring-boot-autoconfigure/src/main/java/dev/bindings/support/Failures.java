package dev.bindings.support;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Describing a failure for a message: the distinct messages of an exception and its
 * causes, so that a wrapper's generic text ("Failed to construct kafka producer") comes
 * with the reason.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * The distinct messages of an exception and its causes, joined with {@code ": "}; the
	 * exception's simple class name when none has a message.
	 * @param failure the exception
	 * @return the description
	 */
	public static String describe(Throwable failure) {
		return describe(failure, Throwable::getMessage);
	}

	/**
	 * The distinct messages of an exception and its causes, as a function gives them (to
	 * mask a secret, or add a code), joined with {@code ": "}; the exception's simple
	 * class name when none has a message.
	 * @param failure the exception
	 * @param messageOf the message of one exception of the chain, {@code null} for none
	 * @return the description
	 */
	public static String describe(Throwable failure, Function<Throwable, @Nullable String> messageOf) {
		StringBuilder description = new StringBuilder();
		for (Throwable current = failure; current != null; current = (current.getCause() != current)
				? current.getCause() : null) {
			String message = messageOf.apply(current);
			if (message != null && !message.isBlank() && description.indexOf(message) < 0) {
				description.append((description.length() > 0) ? ": " : "").append(message);
			}
		}
		return (description.length() > 0) ? description.toString() : failure.getClass().getSimpleName();
	}

}
