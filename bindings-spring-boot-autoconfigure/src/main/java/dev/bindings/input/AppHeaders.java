package dev.bindings.input;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.bindings.support.GoUrl;
import org.jspecify.annotations.Nullable;

/**
 * An event's metadata as the HTTP headers of its delivery to a route, as daprd's
 * {@code InternalMetadataToHTTPHeader} makes them: every entry a header, its name
 * lower-cased and then canonicalised as Go does ({@code timeZone} arrives as
 * {@code Timezone}); names ending in {@code -bin}, {@code content-type} and
 * {@code destination-app-id} dropped; {@code grpc-*} and the pseudo-headers
 * {@code :method}, {@code :scheme}, {@code :path}, {@code :authority} prefixed with
 * {@code dapr-}. Where daprd fails the delivery of a header HTTP cannot carry, this
 * escapes it: a value with characters other than visible ASCII, space and tab is
 * URL-query-escaped (as Kafka's {@code escapeHeaders} does), a name with characters that
 * are not allowed in a header name has them percent-encoded, and the names that frame the
 * HTTP message ({@code host}, {@code content-length}, {@code connection},
 * {@code transfer-encoding}, ...) are prefixed with {@code dapr-}. The
 * {@code dapr-api-token} entry is never copied: the token comes from
 * {@code APP_API_TOKEN}.
 */
final class AppHeaders {

	private static final Set<String> FRAMING = Set.of("connection", "content-length", "expect", "host", "upgrade",
			"keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "http2-settings");

	private static final Set<String> PSEUDO = Set.of(":method", ":scheme", ":path", ":authority");

	private static final String TOKEN_CHARACTERS = "!#$%&'*+-.^_`|~";

	private AppHeaders() {
	}

	/**
	 * The headers of an event's metadata.
	 * @param metadata the event's metadata
	 * @return header names (canonical) to values, in the metadata's order
	 */
	static Map<String, String> of(Map<String, String> metadata) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			String name = name(entry.getKey());
			if (name != null) {
				headers.put(name, value(entry.getValue()));
			}
		}
		return headers;
	}

	private static @Nullable String name(String key) {
		String name = key.toLowerCase(Locale.ROOT);
		if (name.isEmpty() || name.endsWith("-bin") || name.equals("content-type") || name.equals("destination-app-id")
				|| name.equals("dapr-api-token")) {
			return null;
		}
		if (PSEUDO.contains(name)) {
			name = "dapr-" + name.substring(1);
		}
		else if (name.startsWith("grpc-") || FRAMING.contains(name)) {
			name = "dapr-" + name;
		}
		return canonical(escapeName(name));
	}

	private static String escapeName(String name) {
		if (isToken(name)) {
			return name;
		}
		StringBuilder escaped = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (c < 0x80 && isTokenCharacter((char) c) && c != '%') {
				escaped.append((char) c);
			}
			else {
				escaped.append('%').append(String.format("%02X", c));
			}
		}
		return escaped.toString();
	}

	private static boolean isToken(String name) {
		for (int i = 0; i < name.length(); i++) {
			if (!isTokenCharacter(name.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| TOKEN_CHARACTERS.indexOf(c) >= 0;
	}

	/**
	 * Go's {@code textproto.CanonicalMIMEHeaderKey} of a valid name: the first letter and
	 * every letter after a hyphen upper-case, the others lower-case.
	 * @param name the name
	 * @return the canonical name
	 */
	static String canonical(String name) {
		StringBuilder canonical = new StringBuilder(name.length());
		boolean upper = true;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (upper && c >= 'a' && c <= 'z') {
				c = (char) (c - ('a' - 'A'));
			}
			else if (!upper && c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			canonical.append(c);
			upper = c == '-';
		}
		return canonical.toString();
	}

	private static String value(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c >= 0x7f) {
				return GoUrl.queryEscape(value);
			}
		}
		return value;
	}

}
