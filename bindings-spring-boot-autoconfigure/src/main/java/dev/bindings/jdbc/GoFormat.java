package dev.bindings.jdbc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Go's text formats for times and durations, as Dapr's components write them in response
 * metadata and JSON: {@code time.RFC3339Nano} and {@code time.Duration.String()}.
 */
public final class GoFormat {

	private GoFormat() {
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
	 * Format a duration as Go's {@code time.Duration.String()} does, for example
	 * {@code 0s}, {@code 850ns}, {@code 1.5µs}, {@code 1.234ms}, {@code 2.5s},
	 * {@code 1m30s}, {@code 1h0m0.5s}.
	 * @param duration the duration
	 * @return the text
	 */
	public static String duration(Duration duration) {
		return duration(duration.toNanos());
	}

	/**
	 * Format a number of nanoseconds as Go's {@code time.Duration.String()} does.
	 * @param nanos the duration in nanoseconds
	 * @return the text
	 * @see #duration(Duration)
	 */
	public static String duration(long nanos) {
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
		String text = (seconds % 60) + decimals(subsecond, 9) + "s";
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

	/**
	 * Format a finite {@code float64} as Go's {@code encoding/json} does: the shortest
	 * representation, plain between {@code 1e-6} and {@code 1e21}, otherwise in exponent
	 * form ({@code 1e+21}, {@code 1.5e-7}).
	 * @param value the value
	 * @return the JSON number
	 */
	public static String jsonNumber(double value) {
		return jsonNumber(value, Double.toString(value));
	}

	/**
	 * Format a finite {@code float32} as Go's {@code encoding/json} does.
	 * @param value the value
	 * @return the JSON number
	 * @see #jsonNumber(double)
	 */
	public static String jsonNumber(float value) {
		return jsonNumber(value, Float.toString(value));
	}

	private static String jsonNumber(double value, String shortest) {
		if (value == 0) {
			return (1 / value < 0) ? "-0" : "0";
		}
		BigDecimal decimal = new BigDecimal(shortest).stripTrailingZeros();
		double abs = Math.abs(value);
		if (abs >= 1e-6 && abs < 1e21) {
			return decimal.toPlainString();
		}
		String digits = decimal.unscaledValue().abs().toString();
		int exponent = digits.length() - 1 - decimal.scale();
		StringBuilder text = new StringBuilder();
		if (decimal.signum() < 0) {
			text.append('-');
		}
		text.append(digits.charAt(0));
		if (digits.length() > 1) {
			text.append('.').append(digits, 1, digits.length());
		}
		text.append('e').append((exponent < 0) ? '-' : '+');
		if (exponent >= 0 && exponent < 10) {
			text.append('0');
		}
		return text.append(Math.abs(exponent)).toString();
	}

	private static String fraction(long value, int precision) {
		long scale = (long) Math.pow(10, precision);
		return (value / scale) + decimals(value % scale, precision);
	}

	private static String decimals(long value, int precision) {
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
