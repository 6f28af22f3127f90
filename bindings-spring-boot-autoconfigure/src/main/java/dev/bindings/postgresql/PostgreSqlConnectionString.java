package dev.bindings.postgresql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the connection strings Dapr's PostgreSQL component (pgx) accepts into libpq
 * settings: URLs ({@code postgres://user:password@host:port/database?sslmode=disable})
 * and keyword/value strings ({@code host=localhost port=5432 user=postgres dbname=test}),
 * with libpq's quoting and pgx's {@code dbname} alias. Error messages never repeat the
 * input.
 */
final class PostgreSqlConnectionString {

	private static final String PREFIX = "failed to parse connection string: ";

	private PostgreSqlConnectionString() {
	}

	/**
	 * Whether a connection string is a URL rather than keyword/value pairs, as pgx
	 * decides.
	 * @param connectionString the connection string
	 * @return whether it is a URL
	 */
	static boolean isUrl(String connectionString) {
		return connectionString.startsWith("postgres://") || connectionString.startsWith("postgresql://");
	}

	/**
	 * Parse a connection string.
	 * @param connectionString the connection string
	 * @return the settings, keyed by libpq keyword ({@code host}, {@code port},
	 * {@code database}, {@code user}, {@code password}, {@code sslmode}, ...)
	 * @throws IllegalArgumentException if the string cannot be parsed
	 */
	static Map<String, String> parse(String connectionString) {
		return isUrl(connectionString) ? parseUrl(connectionString) : parseKeywordValue(connectionString);
	}

	private static Map<String, String> parseUrl(String url) {
		Map<String, String> settings = new LinkedHashMap<>();
		String rest = url.substring(url.indexOf("://") + 3);
		int fragment = rest.indexOf('#');
		if (fragment >= 0) {
			rest = rest.substring(0, fragment);
		}
		String query = null;
		int question = rest.indexOf('?');
		if (question >= 0) {
			query = rest.substring(question + 1);
			rest = rest.substring(0, question);
		}
		String path = null;
		int slash = rest.indexOf('/');
		if (slash >= 0) {
			path = rest.substring(slash + 1);
			rest = rest.substring(0, slash);
		}
		int at = rest.lastIndexOf('@');
		if (at >= 0) {
			String userInfo = rest.substring(0, at);
			rest = rest.substring(at + 1);
			int colon = userInfo.indexOf(':');
			if (colon >= 0) {
				settings.put("user", unescape(userInfo.substring(0, colon), false));
				settings.put("password", unescape(userInfo.substring(colon + 1), false));
			}
			else {
				settings.put("user", unescape(userInfo, false));
			}
		}
		if (!rest.isEmpty()) {
			List<String> hosts = new ArrayList<>();
			List<String> ports = new ArrayList<>();
			for (String address : rest.split(",", -1)) {
				splitHostPort(address, hosts, ports);
			}
			settings.put("host", String.join(",", hosts));
			if (ports.stream().anyMatch((port) -> !port.isEmpty())) {
				settings.put("port", String.join(",", ports));
			}
		}
		if (path != null && !path.isEmpty()) {
			settings.put("database", unescape(path, false));
		}
		if (query != null && !query.isEmpty()) {
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String key = unescape((equals >= 0) ? pair.substring(0, equals) : pair, true);
				String value = (equals >= 0) ? unescape(pair.substring(equals + 1), true) : "";
				settings.put(key.equals("dbname") ? "database" : key, value);
			}
		}
		return settings;
	}

	private static void splitHostPort(String address, List<String> hosts, List<String> ports) {
		String host = address;
		String port = "";
		if (address.startsWith("[")) {
			int close = address.indexOf(']');
			if (close < 0) {
				throw new IllegalArgumentException(PREFIX + "invalid IPv6 host");
			}
			host = address.substring(0, close + 1);
			if (close + 1 < address.length()) {
				if (address.charAt(close + 1) != ':') {
					throw new IllegalArgumentException(PREFIX + "invalid host");
				}
				port = address.substring(close + 2);
			}
		}
		else {
			int colon = address.lastIndexOf(':');
			if (colon >= 0) {
				host = address.substring(0, colon);
				port = address.substring(colon + 1);
			}
		}
		if (!port.isEmpty() && !port.chars().allMatch(Character::isDigit)) {
			throw new IllegalArgumentException(PREFIX + "invalid port");
		}
		hosts.add(unescape(host, false));
		ports.add(port);
	}

	private static Map<String, String> parseKeywordValue(String text) {
		Map<String, String> settings = new LinkedHashMap<>();
		String s = text;
		while (!(s = s.stripLeading()).isEmpty()) {
			int equals = s.indexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException(PREFIX + "invalid keyword/value");
			}
			String key = s.substring(0, equals).strip();
			s = s.substring(equals + 1).stripLeading();
			StringBuilder value = new StringBuilder();
			int end;
			if (!s.isEmpty() && s.charAt(0) == '\'') {
				end = 1;
				while (end < s.length() && s.charAt(end) != '\'') {
					if (s.charAt(end) == '\\') {
						end++;
						if (end == s.length()) {
							break;
						}
					}
					value.append(s.charAt(end));
					end++;
				}
				if (end >= s.length()) {
					throw new IllegalArgumentException(PREFIX + "unterminated quoted string in connection info string");
				}
				end++;
			}
			else {
				end = 0;
				while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
					if (s.charAt(end) == '\\') {
						end++;
						if (end == s.length()) {
							throw new IllegalArgumentException(PREFIX + "invalid backslash");
						}
					}
					value.append(s.charAt(end));
					end++;
				}
			}
			if (key.isEmpty()) {
				throw new IllegalArgumentException(PREFIX + "invalid keyword/value");
			}
			settings.put(key.equals("dbname") ? "database" : key, value.toString());
			s = s.substring(Math.min(end, s.length()));
		}
		return settings;
	}

	/**
	 * Decode percent-escapes, and {@code +} as a space only in query components, as Go's
	 * {@code net/url} does.
	 */
	private static String unescape(String text, boolean query) {
		if (text.indexOf('%') < 0 && (!query || text.indexOf('+') < 0)) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
						|| Character.digit(text.charAt(i + 2), 16) < 0) {
					throw new IllegalArgumentException(PREFIX + "invalid URL escape");
				}
				bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
				i += 2;
			}
			else if (c == '+' && query) {
				bytes.write(' ');
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
					encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				bytes.writeBytes(encoded);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
