package dev.bindings.support.golang;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Go's text formats for times, as Dapr's components write them in response metadata and
 * JSON: {@code time.RFC3339Nano}, and a time of day as {@code 15:04:05.999999999}.
 */
public final class GoTime {

	private GoTime() {
	}

	/**
	 * Format an instant in UTC with Go's {@code time.RFC3339Nano} layout
	 * ({@code 2006-01-02T15:04:05.999999999Z07:00}): trailing zeros of the fraction are
	 * dropped, and the fraction entirely when it is zero.
	 * @param instant the instant
	 * @return the text, for example {@code 2024-01-02T03:04:05.12Z}
	 */
	public static String rfc3339Nano(Instant instant) {
		return rfc3339Nano(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * Format a time with Go's {@code time.RFC3339Nano} layout, keeping its offset
	 * ({@code Z} for UTC).
	 * @param time the time
	 * @return the text, for example {@code 2024-01-02T03:04:05+02:00}
	 */
	public static String rfc3339Nano(OffsetDateTime time) {
		StringBuilder text = new StringBuilder(35);
		int year = time.getYear();
		if (year < 0) {
			text.append('-');
		}
		pad(text, Math.abs(year), 4).append('-');
		pad(text, time.getMonthValue(), 2).append('-');
		pad(text, time.getDayOfMonth(), 2).append('T');
		pad(text, time.getHour(), 2).append(':');
		pad(text, time.getMinute(), 2).append(':');
		pad(text, time.getSecond(), 2);
		appendFraction(text, time.getNano());
		int offsetSeconds = time.getOffset().getTotalSeconds();
		if (offsetSeconds == 0) {
			return text.append('Z').toString();
		}
		text.append((offsetSeconds < 0) ? '-' : '+');
		int minutes = Math.abs(offsetSeconds) / 60;
		pad(text, minutes / 60, 2).append(':');
		return pad(text, minutes % 60, 2).toString();
	}

	/**
	 * Format a time of day as {@code 15:04:05} with the fraction Go's {@code .999999999}
	 * would add.
	 * @param time the time of day
	 * @return the text
	 */
	public static String timeOfDay(LocalTime time) {
		StringBuilder text = new StringBuilder(18);
		pad(text, time.getHour(), 2).append(':');
		pad(text, time.getMinute(), 2).append(':');
		pad(text, time.getSecond(), 2);
		appendFraction(text, time.getNano());
		return text.toString();
	}

	/**
	 * The fraction Go writes for a value of {@code precision} decimal digits: a point and
	 * the digits without trailing zeros, or nothing when the value is zero.
	 */
	static String decimals(long value, int precision) {
		if (value == 0) {
			return "";
		}
		StringBuilder digits = new StringBuilder(Long.toString(value));
		while (digits.length() < precision) {
			digits.insert(0, '0');
		}
		int end = digits.length();
		while (digits.charAt(end - 1) == '0') {
			end--;
		}
		return "." + digits.substring(0, end);
	}

	private static void appendFraction(StringBuilder text, int nanos) {
		text.append(decimals(nanos, 9));
	}

	private static StringBuilder pad(StringBuilder text, int value, int width) {
		String digits = Integer.toString(value);
		for (int i = digits.length(); i < width; i++) {
			text.append('0');
		}
		return text.append(digits);
	}

}
