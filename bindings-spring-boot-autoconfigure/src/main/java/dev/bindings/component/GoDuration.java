package dev.bindings.component;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parses Go's {@code time.ParseDuration} format: a sequence of decimal numbers, each with an
 * optional fraction and a unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}), with an optional sign; {@code 0} alone is allowed.
 */
final class GoDuration {

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
		BigDecimal nanos = BigDecimal.ZERO;
		int i = 0;
		while (i < s.length()) {
			int start = i;
			while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
				i++;
			}
			if (start == i || s.substring(start, i).equals(".")) {
				throw invalid(text);
			}
			BigDecimal number = new BigDecimal(s.substring(start, i));
			int unitStart = i;
			while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
				i++;
			}
			long unit = switch (s.substring(unitStart, i)) {
				case "ns" -> 1L;
				case "us", "µs", "μs" -> 1_000L;
				case "ms" -> 1_000_000L;
				case "s" -> 1_000_000_000L;
				case "m" -> 60_000_000_000L;
				case "h" -> 3_600_000_000_000L;
				default -> throw invalid(text);
			};
			nanos = nanos.add(number.multiply(BigDecimal.valueOf(unit)));
		}
		Duration duration = Duration.ofNanos(nanos.longValue());
		return negative ? duration.negated() : duration;
	}

	private static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
	}

}
