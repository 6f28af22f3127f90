package dev.bindings.support.golang;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.Duration} text: parsed as {@code time.ParseDuration} does, formatted
 * as {@code time.Duration.String()} does.
 */
public final class GoDuration {

	private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
			"ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

	private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

	private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);

	private GoDuration() {
	}

	/**
	 * Parse Go's {@code time.ParseDuration} format: a sequence of decimal numbers, each
	 * with an optional fraction and a unit ({@code ns}, {@code us}, {@code µs},
	 * {@code ms}, {@code s}, {@code m}, {@code h}), with an optional sign; {@code 0}
	 * alone is allowed. Like Go, only ASCII digits are accepted, each term's fraction of
	 * a nanosecond is dropped, and a value that does not fit in a signed 64-bit number of
	 * nanoseconds is an error.
	 * @param text the text
	 * @return the duration
	 * @throws IllegalArgumentException with Go's message, for example
	 * {@code time: invalid duration "x"}
	 */
	public static Duration parse(String text) {
		String s = text;
		boolean negative = false;
		if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
			negative = s.charAt(0) == '-';
			s = s.substring(1);
		}
		if (s.equals("0")) {
			return Duration.ZERO;
		}
		if (s.isEmpty()) {
			throw invalid(text);
		}
		BigInteger nanos = BigInteger.ZERO;
		int i = 0;
		while (i < s.length()) {
			int start = i;
			i = skipDigits(s, i);
			String integer = s.substring(start, i);
			String fraction = "";
			if (i < s.length() && s.charAt(i) == '.') {
				int fractionStart = i + 1;
				i = skipDigits(s, fractionStart);
				fraction = s.substring(fractionStart, i);
			}
			if (integer.isEmpty() && fraction.isEmpty()) {
				throw invalid(text);
			}
			int unitStart = i;
			while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
				i++;
			}
			String unit = s.substring(unitStart, i);
			if (unit.isEmpty()) {
				throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
			}
			Long unitNanos = UNITS.get(unit);
			if (unitNanos == null) {
				throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration " + quote(text));
			}
			BigDecimal number = new BigDecimal((integer.isEmpty() ? "0" : integer) + "." + fraction + "0");
			nanos = nanos.add(number.multiply(BigDecimal.valueOf(unitNanos)).toBigInteger());
			if (nanos.compareTo(MAX_NANOS.add(BigInteger.ONE)) > 0) {
				throw invalid(text);
			}
		}
		if (negative) {
			nanos = nanos.negate();
		}
		if (nanos.compareTo(MAX_NANOS) > 0 || nanos.compareTo(MIN_NANOS) < 0) {
			throw invalid(text);
		}
		return Duration.ofNanos(nanos.longValueExact());
	}

	/**
	 * Format a duration as Go's {@code time.Duration.String()} does, for example
	 * {@code 0s}, {@code 850ns}, {@code 1.5µs}, {@code 1.234ms}, {@code 2.5s},
	 * {@code 1m30s}, {@code 1h0m0.5s}.
	 * @param duration the duration
	 * @return the text
	 */
	public static String format(Duration duration) {
		return format(duration.toNanos());
	}

	/**
	 * Format a number of nanoseconds as Go's {@code time.Duration.String()} does.
	 * @param nanos the duration in nanoseconds
	 * @return the text
	 * @see #format(Duration)
	 */
	public static String format(long nanos) {
		if (nanos == 0) {
			return "0s";
		}
		String sign = (nanos < 0) ? "-" : "";
		// Long.MIN_VALUE stays negative here; it is handled as unsigned below, as Go does
		long u = Math.abs(nanos);
		if (u > 0 && u < 1_000_000_000L) {
			if (u < 1_000L) {
				return sign + u + "ns";
			}
			if (u < 1_000_000L) {
				return sign + fraction(u, 3) + "µs";
			}
			return sign + fraction(u, 6) + "ms";
		}
		long seconds = Long.divideUnsigned(u, 1_000_000_000L);
		long subsecond = Long.remainderUnsigned(u, 1_000_000_000L);
		String text = (seconds % 60) + GoTime.decimals(subsecond, 9) + "s";
		long minutes = seconds / 60;
		if (minutes > 0) {
			text = (minutes % 60) + "m" + text;
			long hours = minutes / 60;
			if (hours > 0) {
				text = hours + "h" + text;
			}
		}
		return sign + text;
	}

	private static String fraction(long value, int precision) {
		long scale = (long) Math.pow(10, precision);
		return (value / scale) + GoTime.decimals(value % scale, precision);
	}

	private static int skipDigits(String s, int from) {
		int i = from;
		while (i < s.length() && isDigit(s.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static String quote(String text) {
		return "\"" + text + "\"";
	}

	/**
	 * Go's error for a text that is not a duration.
	 * @param text the text
	 * @return {@code time: invalid duration "<text>"}
	 */
	public static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("time: invalid duration " + quote(text));
	}

}
