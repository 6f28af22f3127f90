package dev.bindings.component;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A component's metadata decoded the way Dapr's components decode it
 * ({@code kit/metadata.DecodeMetadata}): keys match case-insensitively, two keys equal after
 * lower-casing are an error, booleans are "truthy", durations are Go durations or whole
 * seconds.
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
	 * @throws IllegalArgumentException {@code key <k> is duplicate in the metadata} when two
	 * keys differ only in case
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
	 * The value of a key, matched exactly (some Dapr components read certain keys that way).
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
	 * A duration the way Dapr reads one: a Go duration ({@code 1m30s}, {@code 500ms}) or a
	 * whole number of seconds.
	 * @param key the key
	 * @return the duration, or {@code null} when absent or empty
	 * @throws IllegalArgumentException if the value is not a duration
	 */
	public @Nullable Duration getDuration(String key) {
		String value = getNonEmpty(key);
		return (value != null) ? parseDuration(value) : null;
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
	 * All entries, with their original keys, in declaration order.
	 * @return the metadata
	 */
	public Map<String, String> asMap() {
		return this.values;
	}

}
