package dev.bindings.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * What daprd's JSON looks like, as Go's {@code encoding/json} writes and reads it: string
 * escaping, the {@code {"errorCode":...,"message":...}} error body, the byte order of
 * {@code sort.Strings}, the UTF-8 repair and the syntax checks of Go's scanner, with its
 * error messages.
 */
public final class GoJson {

	/**
	 * Go's limit on the nesting of arrays and objects.
	 */
	static final int MAX_DEPTH = 10000;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final char REPLACEMENT = '\uFFFD';

	private static final byte[] ESCAPED_REPLACEMENT = { '\\', 'u', 'f', 'f', 'f', 'd' };

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
	 * {@code \b \f \n \r \t} short escapes, other control characters as <code>&#92;u00XX</code>,
	 * {@code < > &} and U+2028, U+2029 as <code>&#92;uXXXX</code>, everything else as it is.
	 * An unpaired surrogate becomes U+FFFD.
	 * @param s the string
	 * @return the JSON string literal, quotes included
	 */
	public static String quote(String s) {
		Utf8Buffer buffer = new Utf8Buffer(s.length() + 2);
		buffer.appendQuoted(s);
		return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
	}

	/**
	 * The body daprd sends with an error: {@code {"errorCode":"<code>","message":"<message>"}},
	 * in that order, quoted as {@link #quote(String)} does.
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
	 * Replace each unpaired surrogate with U+FFFD, as Go does when it decodes a
	 * <code>&#92;ud800</code> escape that is not followed by its pair.
	 * @param s the string
	 * @return a string that encodes to UTF-8 without loss; {@code s} itself when it is fine
	 */
	static String toWellFormed(String s) {
		int length = s.length();
		for (int i = 0; i < length; i++) {
			char c = s.charAt(i);
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
					i++;
					continue;
				}
				return repairSurrogates(s, i);
			}
		}
		return s;
	}

	private static String repairSurrogates(String s, int from) {
		int length = s.length();
		StringBuilder sb = new StringBuilder(length).append(s, 0, from);
		for (int i = from; i < length; i++) {
			char c = s.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
				sb.append(c).append(s.charAt(++i));
			}
			else {
				sb.append(Character.isSurrogate(c) ? REPLACEMENT : c);
			}
		}
		return sb.toString();
	}

	/**
	 * Compare two well-formed strings in the order of their UTF-8 bytes, which is Go's
	 * {@code sort.Strings} order, and code point order. It differs from
	 * {@link String#compareTo(String)} for supplementary characters, which come after
	 * U+E000..U+FFFF.
	 * @param a the first string
	 * @param b the second string
	 * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
	 */
	static int compareUtf8(String a, String b) {
		int length = Math.min(a.length(), b.length());
		for (int i = 0; i < length; i++) {
			char x = a.charAt(i);
			char y = b.charAt(i);
			if (x != y) {
				return codePointOrder(x) - codePointOrder(y);
			}
		}
		return a.length() - b.length();
	}

	private static int codePointOrder(char c) {
		if (c < 0xD800) {
			return c;
		}
		return (c >= 0xE000) ? c - 0x800 : c + 0x2000;
	}

	/**
	 * Find the first byte that Go's {@code utf8.DecodeRune} would reject: a byte that does not
	 * start a complete, shortest-form UTF-8 sequence of a code point other than a surrogate.
	 * @param bytes the bytes
	 * @param from the first index to check
	 * @param to the index after the last one to check
	 * @return the index of the first invalid byte, or {@code -1} if all are valid
	 */
	static int firstInvalidUtf8(byte[] bytes, int from, int to) {
		int i = from;
		while (i < to) {
			if (bytes[i] >= 0) {
				i++;
				continue;
			}
			int n = sequenceLength(bytes, i, to);
			if (n == 0) {
				return i;
			}
			i += n;
		}
		return -1;
	}

	/**
	 * Copy bytes, replacing each byte that {@link #firstInvalidUtf8} would report with the
	 * UTF-8 encoding of U+FFFD, as Go does when it decodes a JSON string.
	 * @param bytes the bytes
	 * @param from the first index to copy
	 * @param to the index after the last one to copy
	 * @return the repaired copy
	 */
	static byte[] toValidUtf8(byte[] bytes, int from, int to) {
		int invalid = 0;
		for (int i = from; i < to;) {
			int n = (bytes[i] >= 0) ? 1 : sequenceLength(bytes, i, to);
			if (n == 0) {
				invalid++;
				n = 1;
			}
			i += n;
		}
		byte[] result = new byte[to - from + 2 * invalid];
		int w = 0;
		for (int i = from; i < to;) {
			int n = (bytes[i] >= 0) ? 1 : sequenceLength(bytes, i, to);
			if (n == 0) {
				result[w++] = (byte) 0xEF;
				result[w++] = (byte) 0xBF;
				result[w++] = (byte) 0xBD;
				i++;
			}
			else {
				System.arraycopy(bytes, i, result, w, n);
				w += n;
				i += n;
			}
		}
		return result;
	}

	private static int sequenceLength(byte[] bytes, int i, int to) {
		int c = bytes[i] & 0xFF;
		if (c < 0x80) {
			return 1;
		}
		if (c < 0xC2) {
			return 0;
		}
		if (c < 0xE0) {
			return (i + 1 < to && inRange(bytes[i + 1], 0x80, 0xBF)) ? 2 : 0;
		}
		if (c < 0xF0) {
			int low = (c == 0xE0) ? 0xA0 : 0x80;
			int high = (c == 0xED) ? 0x9F : 0xBF;
			return (i + 2 < to && inRange(bytes[i + 1], low, high) && inRange(bytes[i + 2], 0x80, 0xBF)) ? 3 : 0;
		}
		if (c < 0xF5) {
			int low = (c == 0xF0) ? 0x90 : 0x80;
			int high = (c == 0xF4) ? 0x8F : 0xBF;
			return (i + 3 < to && inRange(bytes[i + 1], low, high) && inRange(bytes[i + 2], 0x80, 0xBF)
					&& inRange(bytes[i + 3], 0x80, 0xBF)) ? 4 : 0;
		}
		return 0;
	}

	private static boolean inRange(byte b, int low, int high) {
		int c = b & 0xFF;
		return c >= low && c <= high;
	}

	/**
	 * Rewrite each {@code \}{@code u} escape of a surrogate that is not the first half of an
	 * escaped pair, or the second half of one, as the escape of U+FFFD, which is what Go
	 * decodes it to. The rewrite keeps the length. The bytes must hold valid JSON text.
	 * @param bytes the bytes
	 * @param from the first index
	 * @param to the index after the last one
	 * @return a repaired copy of the range, or {@code null} if there is nothing to repair
	 */
	static byte @Nullable [] replaceUnpairedSurrogateEscapes(byte[] bytes, int from, int to) {
		byte @Nullable [] copy = null;
		boolean inString = false;
		for (int i = from; i < to; i++) {
			byte c = bytes[i];
			if (!inString || c == '"') {
				inString = inString ^ (c == '"');
				continue;
			}
			if (c != '\\' || bytes[++i] != 'u') {
				continue;
			}
			int escape = i - 1;
			int unit = hex4(bytes, i + 1);
			i += 4;
			if (unit < 0xD800 || unit > 0xDFFF) {
				continue;
			}
			if (unit < 0xDC00 && i + 6 < to && bytes[i + 1] == '\\' && bytes[i + 2] == 'u') {
				int low = hex4(bytes, i + 3);
				if (low >= 0xDC00 && low <= 0xDFFF) {
					i += 6;
					continue;
				}
			}
			if (copy == null) {
				copy = Arrays.copyOfRange(bytes, from, to);
			}
			System.arraycopy(ESCAPED_REPLACEMENT, 0, copy, escape - from, ESCAPED_REPLACEMENT.length);
		}
		return copy;
	}

	private static int hex4(byte[] bytes, int from) {
		int value = 0;
		for (int i = from; i < from + 4; i++) {
			int digit = Character.digit(bytes[i], 16);
			if (digit < 0) {
				return -1;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	/**
	 * Scan the first JSON value of the bytes as Go's {@code json.Decoder} does before it
	 * decodes anything: find where the value ends, or the error that Go reports.
	 * @param bytes the bytes
	 * @param offset the index of the first byte
	 * @param length the number of bytes
	 * @return where the first value ends, or the error
	 */
	static Scan scan(byte[] bytes, int offset, int length) {
		Scanner scanner = new Scanner();
		int end = offset + length;
		for (int i = offset; i < end; i++) {
			switch (scanner.step(bytes[i] & 0xFF)) {
				case Scanner.END:
					return new Scan(i, null);
				case Scanner.END_OBJECT, Scanner.END_ARRAY:
					if (scanner.depth == 0) {
						return new Scan(i + 1, null);
					}
					break;
				case Scanner.ERROR:
					return new Scan(i, scanner.error);
				default:
					break;
			}
		}
		if (scanner.step(' ') == Scanner.END) {
			return new Scan(end, null);
		}
		for (int i = offset; i < end; i++) {
			if (!Scanner.isSpace(bytes[i])) {
				return new Scan(end, "unexpected EOF");
			}
		}
		return new Scan(end, "EOF");
	}

	/**
	 * Go's {@code quoteChar}: a byte as Go shows it in a syntax error, for example
	 * {@code 'x'}, {@code '\''}, {@code '"'} or {@code '\x00'}. A byte of 0x80 or more is
	 * shown as the Latin-1 character of that value, as Go does.
	 * @param c the byte, 0 to 255
	 * @return the quoted character
	 */
	static String quoteChar(int c) {
		if (c == '\'') {
			return "'\\''";
		}
		if (c == '"') {
			return "'\"'";
		}
		String s = switch (c) {
			case 0x07 -> "\\a";
			case '\b' -> "\\b";
			case '\f' -> "\\f";
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\t' -> "\\t";
			case 0x0B -> "\\v";
			case '\\' -> "\\\\";
			default -> {
				if (c < 0x20 || c == 0x7F) {
					yield "\\x" + HEX[c >> 4] + HEX[c & 0xF];
				}
				if (c >= 0x80 && (c < 0xA1 || c == 0xAD)) {
					yield "\\u00" + HEX[c >> 4] + HEX[c & 0xF];
				}
				yield String.valueOf((char) c);
			}
		};
		return "'" + s + "'";
	}

	/**
	 * The outcome of {@link #scan}.
	 *
	 * @param end the index after the last byte of the first value (or where scanning stopped)
	 * @param error Go's error, or {@code null} when the first value is complete
	 */
	record Scan(int end, @Nullable String error) {

	}

	/**
	 * A port of the state machine of Go's {@code encoding/json/scanner.go}, one byte at a
	 * time, with an explicit stack.
	 */
	private static final class Scanner {

		static final int CONTINUE = 0;

		static final int BEGIN_LITERAL = 1;

		static final int BEGIN_OBJECT = 2;

		static final int OBJECT_KEY = 3;

		static final int OBJECT_VALUE = 4;

		static final int END_OBJECT = 5;

		static final int BEGIN_ARRAY = 6;

		static final int ARRAY_VALUE = 7;

		static final int END_ARRAY = 8;

		static final int SKIP_SPACE = 9;

		static final int END = 10;

		static final int ERROR = 11;

		private static final byte PARSE_OBJECT_KEY = 0;

		private static final byte PARSE_OBJECT_VALUE = 1;

		private static final byte PARSE_ARRAY_VALUE = 2;

		private static final int S_BEGIN_VALUE_OR_EMPTY = 0;

		private static final int S_BEGIN_VALUE = 1;

		private static final int S_BEGIN_STRING_OR_EMPTY = 2;

		private static final int S_BEGIN_STRING = 3;

		private static final int S_END_VALUE = 4;

		private static final int S_END_TOP = 5;

		private static final int S_IN_STRING = 6;

		private static final int S_IN_STRING_ESC = 7;

		private static final int S_ESC_U = 8;

		private static final int S_ESC_U1 = 9;

		private static final int S_ESC_U12 = 10;

		private static final int S_ESC_U123 = 11;

		private static final int S_NEG = 12;

		private static final int S_1 = 13;

		private static final int S_0 = 14;

		private static final int S_DOT = 15;

		private static final int S_DOT_0 = 16;

		private static final int S_E = 17;

		private static final int S_E_SIGN = 18;

		private static final int S_E_0 = 19;

		private static final int S_T = 20;

		private static final int S_TR = 21;

		private static final int S_TRU = 22;

		private static final int S_F = 23;

		private static final int S_FA = 24;

		private static final int S_FAL = 25;

		private static final int S_FALS = 26;

		private static final int S_N = 27;

		private static final int S_NU = 28;

		private static final int S_NUL = 29;

		private static final int S_ERROR = 30;

		private int state = S_BEGIN_VALUE;

		private byte[] stack = new byte[32];

		int depth;

		@Nullable String error;

		static boolean isSpace(int c) {
			return c == ' ' || c == '\t' || c == '\r' || c == '\n';
		}

		private static boolean isDigit(int c) {
			return c >= '0' && c <= '9';
		}

		private static boolean isHex(int c) {
			return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		}

		int step(int c) {
			switch (this.state) {
				case S_BEGIN_VALUE_OR_EMPTY:
					if (isSpace(c)) {
						return SKIP_SPACE;
					}
					return (c == ']') ? endValue(c) : beginValue(c);
				case S_BEGIN_VALUE:
					return beginValue(c);
				case S_BEGIN_STRING_OR_EMPTY:
					if (isSpace(c)) {
						return SKIP_SPACE;
					}
					if (c == '}') {
						this.stack[this.depth - 1] = PARSE_OBJECT_VALUE;
						return endValue(c);
					}
					return beginString(c);
				case S_BEGIN_STRING:
					return beginString(c);
				case S_END_VALUE:
					return endValue(c);
				case S_END_TOP:
					return END;
				case S_IN_STRING:
					if (c == '"') {
						this.state = S_END_VALUE;
						return CONTINUE;
					}
					if (c == '\\') {
						this.state = S_IN_STRING_ESC;
						return CONTINUE;
					}
					return (c < 0x20) ? error(c, "in string literal") : CONTINUE;
				case S_IN_STRING_ESC:
					switch (c) {
						case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
							this.state = S_IN_STRING;
							return CONTINUE;
						case 'u':
							this.state = S_ESC_U;
							return CONTINUE;
						default:
							return error(c, "in string escape code");
					}
				case S_ESC_U, S_ESC_U1, S_ESC_U12, S_ESC_U123:
					if (isHex(c)) {
						this.state = (this.state == S_ESC_U123) ? S_IN_STRING : this.state + 1;
						return CONTINUE;
					}
					return error(c, "in \\u hexadecimal character escape");
				case S_NEG:
					if (c == '0') {
						this.state = S_0;
						return CONTINUE;
					}
					if (c >= '1' && c <= '9') {
						this.state = S_1;
						return CONTINUE;
					}
					return error(c, "in numeric literal");
				case S_1:
					if (isDigit(c)) {
						return CONTINUE;
					}
					return zero(c);
				case S_0:
					return zero(c);
				case S_DOT:
					if (isDigit(c)) {
						this.state = S_DOT_0;
						return CONTINUE;
					}
					return error(c, "after decimal point in numeric literal");
				case S_DOT_0:
					if (isDigit(c)) {
						return CONTINUE;
					}
					if (c == 'e' || c == 'E') {
						this.state = S_E;
						return CONTINUE;
					}
					return endValue(c);
				case S_E:
					if (c == '+' || c == '-') {
						this.state = S_E_SIGN;
						return CONTINUE;
					}
					return exponentSign(c);
				case S_E_SIGN:
					return exponentSign(c);
				case S_E_0:
					return (isDigit(c)) ? CONTINUE : endValue(c);
				case S_T:
					return literal(c, 'r', S_TR, "true");
				case S_TR:
					return literal(c, 'u', S_TRU, "true");
				case S_TRU:
					return literal(c, 'e', S_END_VALUE, "true");
				case S_F:
					return literal(c, 'a', S_FA, "false");
				case S_FA:
					return literal(c, 'l', S_FAL, "false");
				case S_FAL:
					return literal(c, 's', S_FALS, "false");
				case S_FALS:
					return literal(c, 'e', S_END_VALUE, "false");
				case S_N:
					return literal(c, 'u', S_NU, "null");
				case S_NU:
					return literal(c, 'l', S_NUL, "null");
				case S_NUL:
					return literal(c, 'l', S_END_VALUE, "null");
				default:
					return ERROR;
			}
		}

		private int beginValue(int c) {
			if (isSpace(c)) {
				return SKIP_SPACE;
			}
			switch (c) {
				case '{':
					this.state = S_BEGIN_STRING_OR_EMPTY;
					return push(c, PARSE_OBJECT_KEY, BEGIN_OBJECT);
				case '[':
					this.state = S_BEGIN_VALUE_OR_EMPTY;
					return push(c, PARSE_ARRAY_VALUE, BEGIN_ARRAY);
				case '"':
					this.state = S_IN_STRING;
					return BEGIN_LITERAL;
				case '-':
					this.state = S_NEG;
					return BEGIN_LITERAL;
				case '0':
					this.state = S_0;
					return BEGIN_LITERAL;
				case 't':
					this.state = S_T;
					return BEGIN_LITERAL;
				case 'f':
					this.state = S_F;
					return BEGIN_LITERAL;
				case 'n':
					this.state = S_N;
					return BEGIN_LITERAL;
				default:
					if (c >= '1' && c <= '9') {
						this.state = S_1;
						return BEGIN_LITERAL;
					}
					return error(c, "looking for beginning of value");
			}
		}

		private int beginString(int c) {
			if (isSpace(c)) {
				return SKIP_SPACE;
			}
			if (c == '"') {
				this.state = S_IN_STRING;
				return BEGIN_LITERAL;
			}
			return error(c, "looking for beginning of object key string");
		}

		private int endValue(int c) {
			if (this.depth == 0) {
				// Go complains about a non-space byte after a complete top-level value only
				// on a later call, which a Decoder never makes
				this.state = S_END_TOP;
				return END;
			}
			if (isSpace(c)) {
				this.state = S_END_VALUE;
				return SKIP_SPACE;
			}
			switch (this.stack[this.depth - 1]) {
				case PARSE_OBJECT_KEY:
					if (c == ':') {
						this.stack[this.depth - 1] = PARSE_OBJECT_VALUE;
						this.state = S_BEGIN_VALUE;
						return OBJECT_KEY;
					}
					return error(c, "after object key");
				case PARSE_OBJECT_VALUE:
					if (c == ',') {
						this.stack[this.depth - 1] = PARSE_OBJECT_KEY;
						this.state = S_BEGIN_STRING;
						return OBJECT_VALUE;
					}
					if (c == '}') {
						pop();
						return END_OBJECT;
					}
					return error(c, "after object key:value pair");
				default:
					if (c == ',') {
						this.state = S_BEGIN_VALUE;
						return ARRAY_VALUE;
					}
					if (c == ']') {
						pop();
						return END_ARRAY;
					}
					return error(c, "after array element");
			}
		}

		private int zero(int c) {
			if (c == '.') {
				this.state = S_DOT;
				return CONTINUE;
			}
			if (c == 'e' || c == 'E') {
				this.state = S_E;
				return CONTINUE;
			}
			return endValue(c);
		}

		private int exponentSign(int c) {
			if (isDigit(c)) {
				this.state = S_E_0;
				return CONTINUE;
			}
			return error(c, "in exponent of numeric literal");
		}

		private int literal(int c, char expected, int next, String name) {
			if (c == expected) {
				this.state = next;
				return CONTINUE;
			}
			return error(c, "in literal " + name + " (expecting '" + expected + "')");
		}

		private int push(int c, byte parseState, int success) {
			if (this.depth == this.stack.length) {
				byte[] grown = new byte[Math.min(this.stack.length * 2, MAX_DEPTH + 1)];
				System.arraycopy(this.stack, 0, grown, 0, this.depth);
				this.stack = grown;
			}
			this.stack[this.depth++] = parseState;
			return (this.depth <= MAX_DEPTH) ? success : error(c, "exceeded max depth");
		}

		private void pop() {
			this.depth--;
			this.state = (this.depth == 0) ? S_END_TOP : S_END_VALUE;
		}

		private int error(int c, String context) {
			this.state = S_ERROR;
			this.error = "invalid character " + quoteChar(c) + " " + context;
			return ERROR;
		}

	}


	/**
	 * JSON text written straight to UTF-8 bytes, strings quoted as {@link #quote(String)}
	 * does: what the envelope parser builds the data of a request with, without going through
	 * {@code String}s.
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

		/** One of {@code chars} and {@code string} is the text. */
		private void appendQuoted(char @Nullable [] chars, @Nullable String string, int offset, int count) {
			// room for the usual case, ASCII that needs no escape; anything longer grows on the way
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
