package dev.bindings.support;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code net/url} escaping, for values daprd's components escape that way (Kafka's
 * {@code escapeHeaders}, header values HTTP cannot carry).
 */
public final class GoUrl {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private GoUrl() {
	}

	/**
	 * Go's {@code url.QueryEscape}: the UTF-8 bytes of the text, letters, digits and
	 * {@code -_.~} kept, a space as {@code +}, every other byte as {@code %XX}.
	 * @param text the text
	 * @return the escaped text
	 */
	public static String queryEscape(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		StringBuilder escaped = new StringBuilder(bytes.length + 16);
		for (byte b : bytes) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				escaped.append((char) c);
			}
			else if (c == ' ') {
				escaped.append('+');
			}
			else {
				escaped.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
			}
		}
		return escaped.toString();
	}

}
