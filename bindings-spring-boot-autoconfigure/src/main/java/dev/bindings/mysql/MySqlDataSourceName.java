package dev.bindings.mysql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Go MySQL driver data source name,
 * {@code [user[:password]@][net[(address)]]/dbname[?param1=value1&...&paramN=valueN]},
 * parsed the way {@code go-sql-driver/mysql}'s {@code ParseDSN} does: the last {@code /}
 * ends the address, the last {@code @} before it ends the user information, user and
 * password are taken as written, the database name and parameter values are unescaped.
 *
 * @param user the user, possibly empty
 * @param password the password, possibly empty
 * @param net the network, {@code tcp} by default
 * @param address the address, with the port ({@code 127.0.0.1:3306} by default for
 * {@code tcp})
 * @param database the database name, possibly empty
 * @param params the parameters, in order
 */
record MySqlDataSourceName(String user, String password, String net, String address, String database,
		Map<String, String> params) {

	/**
	 * Parse a data source name.
	 * @param dsn the data source name
	 * @return the parsed name, or {@code null} if it is not a valid DSN (the caller
	 * reports Dapr's error, which names the key but not the value)
	 */
	static @Nullable MySqlDataSourceName parse(String dsn) {
		int slash = dsn.lastIndexOf('/');
		if (slash < 0) {
			return null;
		}
		String user = "";
		String password = "";
		String net = "";
		String address = "";
		if (slash > 0) {
			String left = dsn.substring(0, slash);
			int at = left.lastIndexOf('@');
			String protocol = left;
			if (at >= 0) {
				String userInfo = left.substring(0, at);
				int colon = userInfo.indexOf(':');
				user = (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
				password = (colon >= 0) ? userInfo.substring(colon + 1) : "";
				protocol = left.substring(at + 1);
			}
			int open = protocol.indexOf('(');
			if (open >= 0) {
				if (!protocol.endsWith(")")) {
					return null;
				}
				address = protocol.substring(open + 1, protocol.length() - 1);
				net = protocol.substring(0, open);
			}
			else {
				net = protocol;
			}
		}
		String rest = dsn.substring(slash + 1);
		Map<String, String> params = new LinkedHashMap<>();
		int question = rest.indexOf('?');
		String database = (question >= 0) ? rest.substring(0, question) : rest;
		if (question >= 0) {
			for (String pair : rest.substring(question + 1).split("&")) {
				int equals = pair.indexOf('=');
				if (equals < 1) {
					// go-sql-driver skips a parameter without a value
					continue;
				}
				String value = unescape(pair.substring(equals + 1), true);
				if (value == null) {
					return null;
				}
				params.put(pair.substring(0, equals), value);
			}
		}
		database = unescape(database, false);
		if (database == null) {
			return null;
		}
		if (net.isEmpty()) {
			net = "tcp";
		}
		if (address.isEmpty()) {
			address = switch (net) {
				case "tcp" -> "127.0.0.1:3306";
				case "unix" -> "/tmp/mysql.sock";
				default -> "";
			};
			if (address.isEmpty()) {
				return null;
			}
		}
		else if (net.equals("tcp")) {
			address = withPort(address);
		}
		return new MySqlDataSourceName(user, password, net, address, database, params);
	}

	private static String withPort(String address) {
		if (address.startsWith("[")) {
			return address.contains("]:") ? address : address + ":3306";
		}
		int colons = (int) address.chars().filter((c) -> c == ':').count();
		if (colons == 1) {
			return address;
		}
		return (colons == 0) ? address + ":3306" : "[" + address + "]:3306";
	}

	private static @Nullable String unescape(String text, boolean query) {
		if (text.indexOf('%') < 0 && (!query || text.indexOf('+') < 0)) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		byte[] raw = text.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < raw.length; i++) {
			byte b = raw[i];
			if (b == '%') {
				if (i + 2 >= raw.length || Character.digit(raw[i + 1], 16) < 0 || Character.digit(raw[i + 2], 16) < 0) {
					return null;
				}
				bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
				i += 2;
			}
			else if (b == '+' && query) {
				bytes.write(' ');
			}
			else {
				bytes.write(b);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		// never print the password
		return "MySqlDataSourceName[user=" + this.user + ", net=" + this.net + ", address=" + this.address
				+ ", database=" + this.database + ", params=" + this.params.keySet() + "]";
	}

}
