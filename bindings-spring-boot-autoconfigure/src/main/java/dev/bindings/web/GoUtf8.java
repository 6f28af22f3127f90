package dev.bindings.web;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * UTF-8 as Go handles it: invalid bytes and unpaired surrogates become U+FFFD the way
 * {@code encoding/json} repairs them, and strings compare in the byte order of
 * {@code sort.Strings}.
 */
final class GoUtf8 {

	static final char REPLACEMENT = '\uFFFD';

	private static final byte[] ESCAPED_REPLACEMENT = { '\\', 'u', 'f', 'f', 'f', 'd' };

	private GoUtf8() {
	}

	/**
	 * Replace each unpaired surrogate with U+FFFD, as Go does when it decodes a
	 * <code>&#92;ud800</code> escape that is not followed by its pair.
	 * @param s the string
	 * @return a string that encodes to UTF-8 without loss; {@code s} itself when it is
	 * fine
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
	 * @return negative, zero or positive as {@code a} sorts before, with or after
	 * {@code b}
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
	 * Find the first byte that Go's {@code utf8.DecodeRune} would reject: a byte that
	 * does not start a complete, shortest-form UTF-8 sequence of a code point other than
	 * a surrogate.
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
	 * Copy bytes, replacing each byte that {@link #firstInvalidUtf8} would report with
	 * the UTF-8 encoding of U+FFFD, as Go does when it decodes a JSON string.
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
	 * Rewrite each {@code \}{@code u} escape of a surrogate that is not the first half of
	 * an escaped pair, or the second half of one, as the escape of U+FFFD, which is what
	 * Go decodes it to. The rewrite keeps the length. The bytes must hold valid JSON
	 * text.
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

}
