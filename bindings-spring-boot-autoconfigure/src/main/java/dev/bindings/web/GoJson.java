package dev.bindings.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * JSON as Go's {@code encoding/json} writes it: string escaping, the
 * {@code {"errorCode":...,"message":...}} error body, and {@link Utf8Buffer}, the writer
 * the envelope parser builds a request's data with. Reading is {@link GoJsonScanner}'s,
 * UTF-8 repair {@link GoUtf8}'s.
 */
public final class GoJson {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	/**
	 * The ASCII characters Go writes as they are when it escapes HTML.
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

	private GoJson() {
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
	 * JSON text written straight to UTF-8 bytes, strings quoted as {@link #quote(String)}
	 * does: what the envelope parser builds the data of a request with, without going
	 * through {@code String}s.
	 */
	static final class Utf8Buffer {

		private byte[] bytes;

		private int length;

		Utf8Buffer(int capacity) {
			this.bytes = new byte[Math.max(16, capacity)];
		}

		int length() {
			return this.length;
		}

		void append(char ascii) {
			ensure(1);
			this.bytes[this.length++] = (byte) ascii;
		}

		void appendAscii(String ascii) {
			int count = ascii.length();
			ensure(count);
			ascii.getBytes(0, count, this.bytes, this.length);
			this.length += count;
		}

		void appendAscii(char[] chars, int offset, int count) {
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
		 */
		void append(Utf8Buffer other, int from, int to) {
			int count = to - from;
			ensure(count);
			System.arraycopy(other.bytes, from, this.bytes, this.length, count);
			this.length += count;
		}

		void appendQuoted(String s) {
			appendQuoted(null, s, 0, s.length());
		}

		void appendQuoted(char[] chars, int offset, int count) {
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
				if (c < 0x80) {
					at = escape(target, at, c);
				}
				else if (c < 0x800) {
					target[at++] = (byte) (0xC0 | (c >> 6));
					target[at++] = (byte) (0x80 | (c & 0x3F));
				}
				else if (c == '\u2028' || c == '\u2029') {
					target[at++] = '\\';
					target[at++] = 'u';
					target[at++] = '2';
					target[at++] = '0';
					target[at++] = '2';
					target[at++] = (byte) ((c == '\u2028') ? '8' : '9');
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
						at = threeBytes(target, at, GoUtf8.REPLACEMENT);
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

		private static int escape(byte[] target, int at, char c) {
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
					target[at++] = '0';
					target[at++] = '0';
					target[at++] = (byte) HEX[c >> 4];
					target[at++] = (byte) HEX[c & 0xF];
				}
			}
			return at;
		}

		byte[] toByteArray() {
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

}
