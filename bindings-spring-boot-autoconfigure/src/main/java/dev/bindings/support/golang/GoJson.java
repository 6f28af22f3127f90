package dev.bindings.support.golang;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as Go's {@code encoding/json} writes it, the one implementation of its string
 * escaping for the HTTP API and the SQL bindings: {@link #quote(String)}, the
 * {@code {"errorCode":...,"message":...}} error body, {@link Utf8Buffer} (the writer the
 * HTTP API builds a request's data with, straight to UTF-8 bytes), a Jackson
 * {@link #mapper()} whose string escapes are derived from the same table (what the SQL
 * bindings write query results with), and Go's format of floating-point numbers.
 */
public final class GoJson {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final char REPLACEMENT = '\uFFFD';

	/**
	 * The ASCII characters Go writes as they are when it escapes HTML; every other ASCII
	 * character, and U+2028 and U+2029, is escaped by {@link #escape(byte[], int, char)}.
	 */
	private static final boolean[] SAFE = new boolean[128];

	static {
		for (int c = 0x20; c < 0x80; c++) {
			SAFE[c] = true;
		}
		SAFE['"'] = false;
		SAFE['\\'] = false;
		SAFE['<'] = false;
		SAFE['>'] = false;
		SAFE['&'] = false;
	}

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder().characterEscapes(new GoCharacterEscapes()).build())
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private GoJson() {
	}

	/**
	 * A {@link JsonMapper} that writes strings exactly as {@link #quote(String)} does, so
	 * that what it writes is byte for byte what Go's {@code json.Marshal} writes. It
	 * reads floating-point numbers as {@link BigDecimal}, and content after the top-level
	 * value is an error, as with Go's {@code json.Unmarshal}.
	 * @return the shared mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Whether Go escapes a character in a JSON string.
	 * @param c the character
	 * @return whether {@link #escape(byte[], int, char)} writes it
	 */
	static boolean isEscaped(char c) {
		return (c < 0x80) ? !SAFE[c] : (c == '\u2028' || c == '\u2029');
	}

	/**
	 * Write Go's escape of a character for which {@link #isEscaped(char)} holds:
	 * {@code \"}, {@code \\}, {@code \b \f \n \r \t}, or <code>&#92;u00xx</code>
	 * (lower-case hex) for the other control characters, {@code < > &}, and
	 * <code>&#92;u2028</code>, <code>&#92;u2029</code>.
	 * @param target where to write, with room for six bytes at {@code at}
	 * @param at the index to write at
	 * @param c the character
	 * @return the index after the escape
	 */
	static int escape(byte[] target, int at, char c) {
		target[at++] = '\\';
		switch (c) {
			case '"' -> target[at++] = '"';
			case '\\' -> target[at++] = '\\';
			case '\b' -> target[at++] = 'b';
			case '\f' -> target[at++] = 'f';
			case '\n' -> target[at++] = 'n';
			case '\r' -> target[at++] = 'r';
			case '\t' -> target[at++] = 't';
			default -> {
				target[at++] = 'u';
				target[at++] = (byte) HEX[c >> 12];
				target[at++] = (byte) HEX[(c >> 8) & 0xF];
				target[at++] = (byte) HEX[(c >> 4) & 0xF];
				target[at++] = (byte) HEX[c & 0xF];
			}
		}
		return at;
	}

	/**
	 * Quote a string as Go's {@code json.Marshal} does: {@code "} and {@code \} escaped,
	 * {@code \b \f \n \r \t} short escapes, other control characters as
	 * <code>&#92;u00XX</code>, {@code < > &} and U+2028, U+2029 as
	 * <code>&#92;uXXXX</code>, everything else as it is. An unpaired surrogate becomes
	 * U+FFFD.
	 * @param s the string
	 * @return the JSON string literal, quotes included
	 */
	public static String quote(String s) {
		Utf8Buffer buffer = new Utf8Buffer(s.length() + 2);
		buffer.appendQuoted(s);
		return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
	}

	/**
	 * The body daprd sends with an error:
	 * {@code {"errorCode":"<code>","message":"<message>"}}, in that order, quoted as
	 * {@link #quote(String)} does.
	 * @param errorCode the error code, for example {@code ERR_MALFORMED_REQUEST}
	 * @param message the message
	 * @return the body, in UTF-8
	 */
	public static byte[] errorBody(String errorCode, String message) {
		Utf8Buffer buffer = new Utf8Buffer(errorCode.length() + message.length() + 32);
		buffer.appendAscii("{\"errorCode\":");
		buffer.appendQuoted(errorCode);
		buffer.appendAscii(",\"message\":");
		buffer.appendQuoted(message);
		buffer.append('}');
		return buffer.toByteArray();
	}

	/**
	 * Format a finite {@code float64} as Go's {@code encoding/json} does: the shortest
	 * representation, plain between {@code 1e-6} and {@code 1e21}, otherwise in exponent
	 * form ({@code 1e+21}, {@code 1.5e-7}).
	 * @param value the value
	 * @return the JSON number
	 */
	public static String number(double value) {
		return number(value, Double.toString(value));
	}

	/**
	 * Format a finite {@code float32} as Go's {@code encoding/json} does.
	 * @param value the value
	 * @return the JSON number
	 * @see #number(double)
	 */
	public static String number(float value) {
		return number(value, Float.toString(value));
	}

	private static String number(double value, String shortest) {
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

	/**
	 * JSON text written straight to UTF-8 bytes, strings quoted as {@link #quote(String)}
	 * does: what the HTTP API builds the data of a request with, without going through
	 * {@code String}s. Not thread-safe.
	 */
	public static final class Utf8Buffer {

		private byte[] bytes;

		private int length;

		/**
		 * Create a buffer.
		 * @param capacity the initial capacity in bytes; it grows as needed
		 */
		public Utf8Buffer(int capacity) {
			this.bytes = new byte[Math.max(16, capacity)];
		}

		/**
		 * The number of bytes written.
		 * @return the length
		 */
		public int length() {
			return this.length;
		}

		/**
		 * Append an ASCII character as it is.
		 * @param ascii the character, below U+0080
		 */
		public void append(char ascii) {
			ensure(1);
			this.bytes[this.length++] = (byte) ascii;
		}

		/**
		 * Append ASCII text as it is.
		 * @param ascii the text, every character below U+0080
		 */
		public void appendAscii(String ascii) {
			int count = ascii.length();
			ensure(count);
			ascii.getBytes(0, count, this.bytes, this.length);
			this.length += count;
		}

		/**
		 * Append ASCII characters as they are.
		 * @param chars the characters, each below U+0080
		 * @param offset the first one to append
		 * @param count how many to append
		 */
		public void appendAscii(char[] chars, int offset, int count) {
			ensure(count);
			byte[] target = this.bytes;
			int at = this.length;
			for (int i = 0; i < count; i++) {
				target[at++] = (byte) chars[offset + i];
			}
			this.length = at;
		}

		/**
		 * Append part of another buffer (or of this one).
		 * @param other the buffer to copy from
		 * @param from the index of its first byte to copy
		 * @param to the index after its last byte to copy
		 */
		public void append(Utf8Buffer other, int from, int to) {
			int count = to - from;
			ensure(count);
			System.arraycopy(other.bytes, from, this.bytes, this.length, count);
			this.length += count;
		}

		/**
		 * Append a string quoted as {@link #quote(String)} does.
		 * @param s the string
		 */
		public void appendQuoted(String s) {
			appendQuoted(null, s, 0, s.length());
		}

		/**
		 * Append characters quoted as {@link #quote(String)} does.
		 * @param chars the characters
		 * @param offset the first one to quote
		 * @param count how many to quote
		 */
		public void appendQuoted(char[] chars, int offset, int count) {
			appendQuoted(chars, null, offset, count);
		}

		/** One of {@code chars} and {@code string} is the text (the other is null). */
		@SuppressWarnings("NullAway") // one array or string, checked once per char
		private void appendQuoted(char @Nullable [] chars, @Nullable String string, int offset, int count) {
			// room for the usual case, ASCII that needs no escape; anything longer grows
			// on the way
			ensure(count + 2);
			byte[] target = this.bytes;
			int at = this.length;
			target[at++] = '"';
			int end = offset + count;
			for (int i = offset; i < end; i++) {
				char c = (chars != null) ? chars[i] : string.charAt(i);
				if (c < 0x80 && SAFE[c]) {
					if (at == target.length) {
						this.length = at;
						target = grow(1 + (end - i));
					}
					target[at++] = (byte) c;
					continue;
				}
				if (at + 6 > target.length) {
					this.length = at;
					target = grow(6 + (end - i));
				}
				if (c < 0x80 || c == '\u2028' || c == '\u2029') {
					at = escape(target, at, c);
				}
				else if (c < 0x800) {
					target[at++] = (byte) (0xC0 | (c >> 6));
					target[at++] = (byte) (0x80 | (c & 0x3F));
				}
				else if (Character.isSurrogate(c)) {
					char low = (i + 1 < end) ? ((chars != null) ? chars[i + 1] : string.charAt(i + 1)) : 0;
					if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
						int code = Character.toCodePoint(c, low);
						target[at++] = (byte) (0xF0 | (code >> 18));
						target[at++] = (byte) (0x80 | ((code >> 12) & 0x3F));
						target[at++] = (byte) (0x80 | ((code >> 6) & 0x3F));
						target[at++] = (byte) (0x80 | (code & 0x3F));
						i++;
					}
					else {
						at = threeBytes(target, at, REPLACEMENT);
					}
				}
				else {
					at = threeBytes(target, at, c);
				}
			}
			if (at == target.length) {
				this.length = at;
				target = grow(1);
			}
			target[at++] = '"';
			this.length = at;
		}

		private static int threeBytes(byte[] target, int at, char c) {
			target[at] = (byte) (0xE0 | (c >> 12));
			target[at + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
			target[at + 2] = (byte) (0x80 | (c & 0x3F));
			return at + 3;
		}

		/**
		 * The bytes written.
		 * @return a copy of the bytes, or the buffer itself when it is full
		 */
		public byte[] toByteArray() {
			return (this.length == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.length);
		}

		private void ensure(int more) {
			if (this.length + more > this.bytes.length) {
				grow(more);
			}
		}

		private byte[] grow(int more) {
			int needed = this.length + more;
			this.bytes = Arrays.copyOf(this.bytes, Math.max(needed, this.bytes.length * 2));
			return this.bytes;
		}

	}

	/**
	 * Jackson's view of Go's escaping: every character {@link #isEscaped(char)} names,
	 * with the escape {@link #escape(byte[], int, char)} writes.
	 */
	private static final class GoCharacterEscapes extends CharacterEscapes {

		private static final int[] ASCII_ESCAPES = new int[128];

		private static final SerializableString[] ASCII_SEQUENCES = new SerializableString[128];

		private static final SerializableString LINE_SEPARATOR = sequence('\u2028');

		private static final SerializableString PARAGRAPH_SEPARATOR = sequence('\u2029');

		static {
			for (char c = 0; c < 128; c++) {
				if (isEscaped(c)) {
					ASCII_ESCAPES[c] = ESCAPE_CUSTOM;
					ASCII_SEQUENCES[c] = sequence(c);
				}
			}
		}

		private static SerializableString sequence(char c) {
			byte[] bytes = new byte[6];
			int length = escape(bytes, 0, c);
			return new SerializedString(new String(bytes, 0, length, StandardCharsets.US_ASCII));
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return ASCII_ESCAPES;
		}

		@Override
		public @Nullable SerializableString getEscapeSequence(int ch) {
			if (ch < 128) {
				return ASCII_SEQUENCES[ch];
			}
			return switch (ch) {
				case '\u2028' -> LINE_SEPARATOR;
				case '\u2029' -> PARAGRAPH_SEPARATOR;
				default -> null;
			};
		}

	}

}
