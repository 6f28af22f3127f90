package dev.bindings.web;

/**
 * Finds the end of the first JSON value of a body and checks its syntax the way Go's
 * {@code encoding/json} {@code Decoder} does, reporting errors with Go's exact texts
 * ({@code EOF}, {@code unexpected EOF},
 * {@code invalid character 'o' in literal null (expecting 'u')}, ...). Bytes after the first
 * value are not read.
 */
final class GoJsonScanner {

	/** Go's maximum nesting depth. */
	static final int MAX_DEPTH = 10000;

	private static final byte OBJECT_KEY = 0;

	private static final byte OBJECT_VALUE = 1;

	private static final byte ARRAY_VALUE = 2;

	private GoJsonScanner() {
	}

	/**
	 * Scan the first value.
	 * @param body the bytes
	 * @param offset where to start
	 * @param length how many bytes to look at
	 * @return the index just past the first value
	 * @throws MalformedEnvelopeException with Go's message when the value is not valid JSON
	 */
	static int scan(byte[] body, int offset, int length) throws MalformedEnvelopeException {
		int end = offset + length;
		int i = skipSpace(body, offset, end);
		if (i == end) {
			throw new MalformedEnvelopeException("EOF");
		}
		byte[] stack = new byte[16];
		int depth = 0;
		while (true) {
			// a value starts at i
			i = skipSpace(body, i, end);
			if (i == end) {
				throw unexpectedEof();
			}
			int c = body[i] & 0xff;
			if (c == '{' || c == '[') {
				if (depth == MAX_DEPTH) {
					throw invalid(c, "exceeded max depth");
				}
				if (depth == stack.length) {
					stack = java.util.Arrays.copyOf(stack, depth * 2);
				}
				i = skipSpace(body, i + 1, end);
				if (i == end) {
					throw unexpectedEof();
				}
				if (c == '{') {
					if (body[i] == '}') {
						i++;
					}
					else {
						stack[depth++] = OBJECT_KEY;
						i = objectKey(body, i, end);
						continue;
					}
				}
				else {
					if (body[i] == ']') {
						i++;
					}
					else {
						stack[depth++] = ARRAY_VALUE;
						continue;
					}
				}
			}
			else {
				i = scalar(body, i, end, depth == 0);
			}
			// a value ended before i: close containers or move to the next element
			while (true) {
				if (depth == 0) {
					return i;
				}
				i = skipSpace(body, i, end);
				if (i == end) {
					throw unexpectedEof();
				}
				int next = body[i] & 0xff;
				if (stack[depth - 1] == ARRAY_VALUE) {
					if (next == ',') {
						i++;
						break;
					}
					if (next == ']') {
						i++;
						depth--;
						continue;
					}
					throw invalid(next, "after array element");
				}
				if (next == ',') {
					i = skipSpace(body, i + 1, end);
					if (i == end) {
						throw unexpectedEof();
					}
					i = objectKey(body, i, end);
					break;
				}
				if (next == '}') {
					i++;
					depth--;
					continue;
				}
				throw invalid(next, "after object key:value pair");
			}
		}
	}

	/** Reads {@code "key" :} starting at a non-space byte; returns the index after the colon. */
	private static int objectKey(byte[] body, int i, int end) throws MalformedEnvelopeException {
		int c = body[i] & 0xff;
		if (c != '"') {
			throw invalid(c, "looking for beginning of object key string");
		}
		i = string(body, i, end);
		i = skipSpace(body, i, end);
		if (i == end) {
			throw unexpectedEof();
		}
		c = body[i] & 0xff;
		if (c != ':') {
			throw invalid(c, "after object key");
		}
		return i + 1;
	}

	private static int scalar(byte[] body, int i, int end, boolean topLevel) throws MalformedEnvelopeException {
		int c = body[i] & 0xff;
		return switch (c) {
			case '"' -> string(body, i, end);
			case 't' -> literal(body, i, end, "true");
			case 'f' -> literal(body, i, end, "false");
			case 'n' -> literal(body, i, end, "null");
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield number(body, i, end, topLevel);
				}
				throw invalid(c, "looking for beginning of value");
			}
		};
	}

	private static int literal(byte[] body, int i, int end, String word) throws MalformedEnvelopeException {
		for (int k = 1; k < word.length(); k++) {
			if (i + k >= end) {
				throw unexpectedEof();
			}
			int c = body[i + k] & 0xff;
			if (c != word.charAt(k)) {
				throw invalid(c, "in literal " + word + " (expecting '" + word.charAt(k) + "')");
			}
		}
		return i + word.length();
	}

	private static int string(byte[] body, int i, int end) throws MalformedEnvelopeException {
		i++;
		while (i < end) {
			int c = body[i] & 0xff;
			if (c == '"') {
				return i + 1;
			}
			if (c == '\\') {
				i++;
				if (i == end) {
					throw unexpectedEof();
				}
				int e = body[i] & 0xff;
				if (e == 'u') {
					for (int k = 1; k <= 4; k++) {
						if (i + k >= end) {
							throw unexpectedEof();
						}
						int h = body[i + k] & 0xff;
						if (Character.digit(h, 16) < 0) {
							throw invalid(h, "in \\u hexadecimal character escape");
						}
					}
					i += 5;
					continue;
				}
				if ("bfnrt\\/\"".indexOf(e) < 0) {
					throw invalid(e, "in string escape code");
				}
				i++;
				continue;
			}
			if (c < 0x20) {
				throw invalid(c, "in string literal");
			}
			i++;
		}
		throw unexpectedEof();
	}

	private static int number(byte[] body, int i, int end, boolean topLevel) throws MalformedEnvelopeException {
		if (body[i] == '-') {
			i++;
			if (i == end) {
				throw unexpectedEof();
			}
			int c = body[i] & 0xff;
			if (c < '0' || c > '9') {
				throw invalid(c, "in numeric literal");
			}
		}
		if (body[i] == '0') {
			i++;
		}
		else {
			while (i < end && isDigit(body[i])) {
				i++;
			}
		}
		if (i < end && body[i] == '.') {
			i++;
			if (i == end) {
				throw unexpectedEof();
			}
			if (!isDigit(body[i])) {
				throw invalid(body[i] & 0xff, "after decimal point in numeric literal");
			}
			while (i < end && isDigit(body[i])) {
				i++;
			}
		}
		if (i < end && (body[i] == 'e' || body[i] == 'E')) {
			i++;
			if (i < end && (body[i] == '+' || body[i] == '-')) {
				i++;
			}
			if (i == end) {
				throw unexpectedEof();
			}
			if (!isDigit(body[i])) {
				throw invalid(body[i] & 0xff, "in exponent of numeric literal");
			}
			while (i < end && isDigit(body[i])) {
				i++;
			}
		}
		return i;
	}

	private static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

	private static int skipSpace(byte[] body, int i, int end) {
		while (i < end) {
			byte b = body[i];
			if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
				return i;
			}
			i++;
		}
		return end;
	}

	private static MalformedEnvelopeException unexpectedEof() {
		return new MalformedEnvelopeException("unexpected EOF");
	}

	private static MalformedEnvelopeException invalid(int c, String context) {
		return new MalformedEnvelopeException("invalid character " + quoteChar(c) + " " + context);
	}

	/** Go's {@code quoteChar}. */
	private static String quoteChar(int c) {
		if (c == '\'') {
			return "'\\''";
		}
		if (c == '"') {
			return "'\"'";
		}
		String quoted = switch (c) {
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\t' -> "\\t";
			case 0x07 -> "\\a";
			case '\b' -> "\\b";
			case '\f' -> "\\f";
			case 0x0b -> "\\v";
			case '\\' -> "\\\\";
			default -> (c < 0x20 || c == 0x7f) ? String.format("\\x%02x", c)
					: (c >= 0x80 && c < 0xa0) ? String.format("\\u%04x", c) : String.valueOf((char) c);
		};
		return "'" + quoted + "'";
	}

}
