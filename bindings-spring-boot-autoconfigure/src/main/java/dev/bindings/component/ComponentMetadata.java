package dev.bindings.component;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.bindings.support.golang.GoDuration;
import org.jspecify.annotations.Nullable;

/**
 * A component's metadata decoded the way Dapr's components decode it
 * ({@code kit/metadata.DecodeMetadata}): keys match case-insensitively, two keys equal
 * after lower-casing are an error, booleans are "truthy", durations are Go durations or
 * whole seconds.
 * <p>
 * The typed getters validate a value and fail with an {@link IllegalArgumentException}
 * whose message the caller gives: each binding type states its own rules and Dapr's exact
 * messages, one call per key. The exception never has a cause, so that a value (which
 * could be a secret put in the wrong key) never reaches a message through a cause chain.
 */
public final class ComponentMetadata {

	private static final Set<String> TRUTHY = Set.of("y", "yes", "true", "t", "on", "1");

	private final Map<String, String> values;

	private final Map<String, String> byLowerCaseKey;

	private ComponentMetadata(Map<String, String> values, Map<String, String> byLowerCaseKey) {
		this.values = values;
		this.byLowerCaseKey = byLowerCaseKey;
	}

	/**
	 * Decode metadata.
	 * @param metadata the raw metadata
	 * @return the decoded metadata
	 * @throws IllegalArgumentException {@code key <k> is duplicate in the metadata} when
	 * two keys differ only in case
	 */
	public static ComponentMetadata of(Map<String, String> metadata) {
		Map<String, String> byLowerCaseKey = new LinkedHashMap<>();
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			String lower = entry.getKey().toLowerCase(Locale.ROOT);
			if (byLowerCaseKey.containsKey(lower)) {
				throw new IllegalArgumentException("key " + lower + " is duplicate in the metadata");
			}
			byLowerCaseKey.put(lower, entry.getValue());
		}
		return new ComponentMetadata(Collections.unmodifiableMap(new LinkedHashMap<>(metadata)), byLowerCaseKey);
	}

	/**
	 * The value of a key, matched case-insensitively.
	 * @param key the key
	 * @return the value, or {@code null} if absent
	 */
	public @Nullable String get(String key) {
		return this.byLowerCaseKey.get(key.toLowerCase(Locale.ROOT));
	}

	/**
	 * The value of a key, matched exactly (some Dapr components read certain keys that
	 * way).
	 * @param key the key
	 * @return the value, or {@code null} if absent
	 */
	public @Nullable String getExact(String key) {
		return this.values.get(key);
	}

	/**
	 * The non-empty value of a key, matched case-insensitively.
	 * @param key the key
	 * @return the value, or {@code null} if absent or empty
	 */
	public @Nullable String getNonEmpty(String key) {
		String value = get(key);
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * The non-empty value of a key that must be set.
	 * @param key the key
	 * @param message the message when the key is absent or empty
	 * @return the value
	 * @throws IllegalArgumentException with the message if the key is absent or empty
	 */
	public String require(String key, String message) {
		String value = getNonEmpty(key);
		if (value == null) {
			throw new IllegalArgumentException(message);
		}
		return value;
	}

	/**
	 * A whole number ({@code int}), trimmed.
	 * @param key the key
	 * @param message the message when the value is not an {@code int}
	 * @return the number, or {@code null} when absent or empty
	 * @throws IllegalArgumentException with the message if the value is not an
	 * {@code int}
	 */
	public @Nullable Integer getInt(String key, String message) {
		String value = getNonEmpty(key);
		return (value != null) ? parseInt(value.trim(), Integer.MIN_VALUE, Integer.MAX_VALUE, message) : null;
	}

	/**
	 * A whole number ({@code int}), trimmed, with a default.
	 * @param key the key
	 * @param defaultValue the number when the key is absent or empty
	 * @param message the message when the value is not an {@code int}
	 * @return the number
	 * @throws IllegalArgumentException with the message if the value is not an
	 * {@code int}
	 */
	public int getInt(String key, int defaultValue, String message) {
		return getInt(key, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE, message);
	}

	/**
	 * A whole number ({@code int}), trimmed, within bounds, with a default.
	 * @param key the key
	 * @param defaultValue the number when the key is absent or empty (not checked against
	 * the bounds)
	 * @param min the smallest valid number
	 * @param max the largest valid number
	 * @param message the message when the value is not an {@code int} or out of bounds
	 * @return the number
	 * @throws IllegalArgumentException with the message if the value is not an
	 * {@code int} from {@code min} to {@code max}
	 */
	public int getInt(String key, int defaultValue, int min, int max, String message) {
		String value = getNonEmpty(key);
		return (value != null) ? parseInt(value.trim(), min, max, message) : defaultValue;
	}

	/**
	 * Parse a whole number ({@code int}) within bounds, as it is (not trimmed): for a
	 * number that is part of a value, such as the port of {@code host:port}.
	 * @param text the text
	 * @param min the smallest valid number
	 * @param max the largest valid number
	 * @param message the message when the text is not an {@code int} or out of bounds
	 * @return the number
	 * @throws IllegalArgumentException with the message if the text is not an {@code int}
	 * from {@code min} to {@code max}
	 */
	public static int parseInt(String text, int min, int max, String message) {
		int value;
		try {
			value = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(message);
		}
		if (value < min || value > max) {
			throw new IllegalArgumentException(message);
		}
		return value;
	}

	/**
	 * An unsigned whole number (Go's {@code ParseUint}: decimal digits, up to
	 * 2<sup>64</sup>-1), not trimmed; numbers above a maximum read as the maximum.
	 * @param key the key
	 * @param max the largest number returned (zero or more)
	 * @param message the message when the value is not an unsigned 64-bit number
	 * @return the number, at most {@code max}, or {@code null} when absent or empty
	 * @throws IllegalArgumentException with the message if the value is not an unsigned
	 * 64-bit number
	 */
	public @Nullable Integer getUnsignedInt(String key, int max, String message) {
		String value = getNonEmpty(key);
		if (value == null) {
			return null;
		}
		long number;
		try {
			number = Long.parseUnsignedLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(message);
		}
		return (Long.compareUnsigned(number, max) > 0) ? max : (int) number;
	}

	/**
	 * A boolean the way Dapr reads one: {@code y}, {@code yes}, {@code true}, {@code t},
	 * {@code on} and {@code 1} (any case, trimmed) are true, anything else is false.
	 * @param key the key
	 * @param defaultValue the value when the key is absent
	 * @return the boolean
	 */
	public boolean getBoolean(String key, boolean defaultValue) {
		String value = get(key);
		return (value == null) ? defaultValue : isTruthy(value);
	}

	/**
	 * Whether a value is "truthy" in Dapr's sense.
	 * @param value the value
	 * @return whether it means true
	 */
	public static boolean isTruthy(String value) {
		return TRUTHY.contains(value.trim().toLowerCase(Locale.ROOT));
	}

	/**
	 * A duration the way Dapr reads one: a Go duration ({@code 1m30s}, {@code 500ms}) or
	 * a whole number of seconds.
	 * @param key the key
	 * @return the duration, or {@code null} when absent or empty
	 * @throws IllegalArgumentException if the value is not a duration (Go's message,
	 * which quotes the value unless the key is named like a secret)
	 */
	public @Nullable Duration getDuration(String key) {
		String value = getNonEmpty(key);
		if (value == null) {
			return null;
		}
		try {
			return parseDuration(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(durationReason(key, ex));
		}
	}

	/**
	 * A duration ({@link #parseDuration(String)}), failing with the caller's message.
	 * @param key the key
	 * @param message the message when the value is not a duration
	 * @return the duration, or {@code null} when absent or empty
	 * @throws IllegalArgumentException with the message if the value is not a duration
	 */
	public @Nullable Duration getDuration(String key, String message) {
		String value = getNonEmpty(key);
		return (value != null) ? parseDuration(value, message) : null;
	}

	/**
	 * A duration ({@link #parseDuration(String)}), failing with a message made of the
	 * reason (Go's message, such as {@code time: invalid duration "5 minutes"}; without
	 * the value when the key is named like a secret).
	 * @param key the key
	 * @param message the message of a reason
	 * @return the duration, or {@code null} when absent or empty
	 * @throws IllegalArgumentException with the message if the value is not a duration
	 */
	public @Nullable Duration getDuration(String key, Function<String, String> message) {
		String value = getNonEmpty(key);
		if (value == null) {
			return null;
		}
		try {
			return parseDuration(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(message.apply(durationReason(key, ex)));
		}
	}

	/**
	 * Go's reason for an invalid duration, which quotes the value; for a key named like a
	 * secret ({@link ComponentDefinition#isSecret(String)}), the reason without the
	 * value.
	 */
	private static String durationReason(String key, IllegalArgumentException failure) {
		return ComponentDefinition.hasSecretName(key) ? "time: invalid duration" : String.valueOf(failure.getMessage());
	}

	/**
	 * A duration above zero ({@link #parseDuration(String)}), with a default.
	 * @param key the key
	 * @param defaultValue the duration when the key is absent or empty, or the duration
	 * is zero or negative
	 * @param message the message when the value is not a duration
	 * @return the duration
	 * @throws IllegalArgumentException with the message if the value is not a duration
	 */
	public Duration getPositiveDuration(String key, Duration defaultValue, String message) {
		Duration value = getDuration(key, message);
		return (value == null || value.isZero() || value.isNegative()) ? defaultValue : value;
	}

	/**
	 * Parse a duration ({@link #parseDuration(String)}), failing with the caller's
	 * message.
	 * @param text the text
	 * @param message the message when the text is not a duration
	 * @return the duration
	 * @throws IllegalArgumentException with the message if the text is not a duration
	 */
	public static Duration parseDuration(String text, String message) {
		try {
			return parseDuration(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * Parse a Go duration string, or a whole number of seconds.
	 * @param text the text
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not a duration, or does not fit in
	 * Go's {@code time.Duration} (about 292 years)
	 */
	public static Duration parseDuration(String text) {
		String value = text.trim();
		if (value.matches("[+-]?[0-9]+")) {
			try {
				long seconds = Long.parseLong(value);
				return Duration.ofNanos(Math.multiplyExact(seconds, 1_000_000_000L));
			}
			catch (ArithmeticException | NumberFormatException ex) {
				throw GoDuration.invalid(value);
			}
		}
		return GoDuration.parse(value);
	}

	/**
	 * Parse a URI with a host and one of the given schemes; the messages never contain
	 * the URI (it may hold a password).
	 * @param text the text
	 * @param schemes the allowed schemes, in lower case (a URI's scheme matches
	 * case-insensitively)
	 * @param notAUri the message when the text is not a URI
	 * @param badScheme the message when the URI has none of the schemes
	 * @param noHost the message when the URI has no host
	 * @return the URI
	 * @throws IllegalArgumentException with one of the messages, checked in this order
	 */
	public static URI parseUri(String text, Collection<String> schemes, String notAUri, String badScheme,
			String noHost) {
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(notAUri);
		}
		if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException(badScheme);
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException(noHost);
		}
		return uri;
	}

	/**
	 * All entries, with their original keys, in declaration order.
	 * @return the metadata
	 */
	public Map<String, String> asMap() {
		return this.values;
	}

}
