package dev.bindings.web;

import java.nio.charset.StandardCharsets;

/**
 * JSON string encoding exactly as Go's {@code encoding/json} writes it with HTML escaping on
 * (the default of {@code json.Marshal}, which daprd uses): {@code <}, {@code >} and {@code &}
 * as {@code &#92;u003c}, {@code &#92;u003e}, {@code &#92;u0026}; U+2028 and U+2029 escaped; {@code \b},
 * {@code \f}, {@code \n}, {@code \r}, {@code \t} as such; other control characters as
 * {@code &#92;u00XX}; lone surrogates as U+FFFD; everything else as is.
 */
final class GoJson {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private GoJson() {
	}

	/**
	 * Quote a string.
	 * @param value the string
	 * @return the JSON string literal
	 */
	static String quote(String value) {
		StringBuilder builder = new StringBuilder(value.length() + 2);
		appendQuoted(builder, value);
		return builder.toString();
	}

	/**
	 * Append a quoted string.
	 * @param builder the builder
	 * @param value the string
	 */
	static void appendQuoted(StringBuilder builder, String value) {
		builder.append('"');
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				switch (c) {
					case '"' -> builder.append("\\\"");
					case '\\' -> builder.append("\\\\");
					case '<', '>', '&' -> unicode(builder, c);
					default -> builder.append(c);
				}
			}
			else if (c < 0x20) {
				switch (c) {
					case '\b' -> builder.append("\\b");
					case '\f' -> builder.append("\\f");
					case '\n' -> builder.append("\\n");
					case '\r' -> builder.append("\\r");
					case '\t' -> builder.append("\\t");
					default -> unicode(builder, c);
				}
			}
			else if (c == '\u2028' || c == '\u2029') {
				unicode(builder, c);
			}
			else if (Character.isHighSurrogate(c)) {
				if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
					builder.append(c).append(value.charAt(++i));
				}
				else {
					builder.append('\ufffd');
				}
			}
			else if (Character.isLowSurrogate(c)) {
				builder.append('\ufffd');
			}
			else {
				builder.append(c);
			}
		}
		builder.append('"');
	}

	private static void unicode(StringBuilder builder, char c) {
		builder.append("\\u")
			.append(HEX[(c >> 12) & 0xf])
			.append(HEX[(c >> 8) & 0xf])
			.append(HEX[(c >> 4) & 0xf])
			.append(HEX[c & 0xf]);
	}

	/**
	 * A Dapr error body, {@code {"errorCode":"...","message":"..."}}, as daprd writes it.
	 * @param errorCode the error code
	 * @param message the message
	 * @return the UTF-8 bytes
	 */
	static byte[] errorBody(String errorCode, String message) {
		StringBuilder builder = new StringBuilder(message.length() + errorCode.length() + 30);
		builder.append("{\"errorCode\":");
		appendQuoted(builder, errorCode);
		builder.append(",\"message\":");
		appendQuoted(builder, message);
		builder.append('}');
		return builder.toString().getBytes(StandardCharsets.UTF_8);
	}

}
