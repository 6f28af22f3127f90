package dev.bindings.component;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Parses Go's {@code time.ParseDuration} format: a sequence of decimal numbers, each with
 * an optional fraction and a unit ({@code ns}, {@code us}, {@code µs}, {@code ms},
 * {@code s}, {@code m}, {@code h}), with an optional sign; {@code 0} alone is allowed.
 * Like Go, only ASCII digits are accepted, each term's fraction of a nanosecond is
 * dropped, and a value that does not fit in a signed 64-bit number of nanoseconds is an
 * error.
 */
final class GoDuration {

	private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
			"ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

	private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

	private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);

	private GoDuration() {
	}

	static Duration parse(String text) {
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

	static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("time: invalid duration " + quote(text));
	}

}
