package dev.bindings.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The secret values of a component (passwords, connection strings that may contain them),
 * kept so that error messages built from driver and pool exceptions never repeat them.
 */
public final class Secrets {

	private static final String MASK = "***";

	private static final int MINIMUM_LENGTH = 3;

	private final List<String> values;

	private Secrets(List<String> values) {
		this.values = values;
	}

	/**
	 * Create the secrets of a component.
	 * @param values the secret values; {@code null} and very short values are ignored
	 * @return the secrets
	 */
	public static Secrets of(@Nullable String... values) {
		List<String> secrets = new ArrayList<>();
		for (String value : values) {
			if (value != null && value.length() >= MINIMUM_LENGTH && !secrets.contains(value)) {
				secrets.add(value);
			}
		}
		// longest first, so that a secret containing another is masked whole
		secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
		return new Secrets(Collections.unmodifiableList(secrets));
	}

	/**
	 * Mask every secret in a text.
	 * @param text the text, for example an exception message
	 * @return the text with each secret replaced by {@code ***}
	 */
	public String redact(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String redacted = text;
		for (String secret : this.values) {
			redacted = redacted.replace(secret, MASK);
		}
		return redacted;
	}

	/**
	 * Whether an exception or one of its causes mentions a secret in its message.
	 * @param exception the exception
	 * @return whether a secret appears
	 */
	public boolean appearIn(Throwable exception) {
		for (Throwable current = exception; current != null; current = (current.getCause() != current)
				? current.getCause() : null) {
			String message = current.getMessage();
			if (message != null && !redact(message).equals(message)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The cause to attach to a new exception: the exception itself, unless a message in
	 * its chain mentions a secret.
	 * @param exception the exception
	 * @return the exception, or {@code null} to attach none
	 */
	public @Nullable Throwable safeCause(Throwable exception) {
		return appearIn(exception) ? null : exception;
	}

	/**
	 * The distinct messages of an exception and its causes, joined with {@code ": "},
	 * with secrets masked.
	 * @param exception the exception
	 * @return the description
	 */
	public String describe(Throwable exception) {
		return Failures.describe(exception, (current) -> redact(current.getMessage()));
	}

}
