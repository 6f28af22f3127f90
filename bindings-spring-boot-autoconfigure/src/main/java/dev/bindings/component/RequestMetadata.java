package dev.bindings.component;

import java.time.Duration;
import java.util.Map;

import dev.bindings.support.golang.GoDuration;
import org.jspecify.annotations.Nullable;

/**
 * Reads the request metadata keys that several Dapr bindings share, with the helpers of
 * Dapr's {@code components-contrib/metadata} package and their error messages.
 */
public final class RequestMetadata {

	private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

	private RequestMetadata() {
	}

	/**
	 * The value of the first of some keys that is present, each matched
	 * case-insensitively, as Dapr's {@code GetMetadataProperty} does.
	 * @param metadata the request metadata
	 * @param keys the key and its aliases, in order of preference
	 * @return the value (possibly empty), or {@code null} if no key is present
	 */
	public static @Nullable String get(Map<String, String> metadata, String... keys) {
		for (String key : keys) {
			for (Map.Entry<String, String> entry : metadata.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(key)) {
					return entry.getValue();
				}
			}
		}
		return null;
	}

	/**
	 * The time to live of request metadata {@code ttl} or its alias {@code ttlInSeconds},
	 * as Dapr's {@code TryGetTTL}: a Go duration (a negative one counts as zero), or else
	 * a whole number of seconds that must be above zero.
	 * @param metadata the request (or component) metadata
	 * @return the time to live, or {@code null} when neither key has a value
	 * @throws IllegalArgumentException
	 * {@code ttl value must be a valid integer: actual is '<v>'} or
	 * {@code ttl value must be higher than zero: actual is '<n>'}
	 */
	public static @Nullable Duration ttl(Map<String, String> metadata) {
		String value = get(metadata, "ttl", "ttlInSeconds");
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			Duration duration = GoDuration.parse(value);
			return duration.isNegative() ? Duration.ZERO : duration;
		}
		catch (IllegalArgumentException ex) {
			// not a duration: whole seconds
		}
		long seconds;
		try {
			seconds = Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("ttl value must be a valid integer: actual is '" + value + "'");
		}
		if (seconds <= 0) {
			throw new IllegalArgumentException("ttl value must be higher than zero: actual is '" + seconds + "'");
		}
		// Go caps an overflowing duration at its maximum
		return (seconds > MAX_SECONDS) ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofSeconds(seconds);
	}

	/**
	 * The message priority of request metadata {@code priority}, as Dapr's
	 * {@code TryGetPriority}: an integer clamped to 0-255.
	 * @param metadata the request metadata
	 * @return the priority, or {@code null} when the key has no value
	 * @throws IllegalArgumentException
	 * {@code priority value must be a valid integer: actual is '<v>'}
	 */
	public static @Nullable Integer priority(Map<String, String> metadata) {
		String value = get(metadata, "priority");
		if (value == null || value.isEmpty()) {
			return null;
		}
		long priority;
		try {
			priority = Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("priority value must be a valid integer: actual is '" + value + "'");
		}
		return (int) Math.max(0, Math.min(255, priority));
	}

}
