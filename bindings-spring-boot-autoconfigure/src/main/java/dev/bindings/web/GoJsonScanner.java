package dev.bindings.web;

import org.jspecify.annotations.Nullable;

/**
 * Go's JSON scanner ({@code encoding/json/scanner.go}): where the first value of a body
 * ends, or the syntax error Go reports, with Go's messages.
 */
final class GoJsonScanner {

	/**
	 * Go's limit on the nesting of arrays and objects.
	 */
	static final int MAX_DEPTH = 10000;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private GoJsonScanner() {
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
	 * @param end the index after the last byte of the first value (or where scanning
	 * stopped)
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
				// Go complains about a non-space byte after a complete top-level value
				// only
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

}
