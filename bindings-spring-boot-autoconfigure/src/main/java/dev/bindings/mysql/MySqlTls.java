package dev.bindings.mysql;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The TLS settings of a Go MySQL data source name, as {@code go-sql-driver/mysql} and
 * Dapr's component read them, mapped to MariaDB Connector/J's {@code sslMode}:
 * <ul>
 * <li>no {@code tls}, or {@code false} ({@code 0}, {@code FALSE}, {@code False}): no TLS
 * ({@code disable});</li>
 * <li>{@code true} ({@code 1}, {@code TRUE}, {@code True}): TLS, the certificate checked
 * against the JVM's trust store (Go's system roots) and the host name
 * ({@code verify-full});</li>
 * <li>{@code skip-verify}: TLS without any check of the certificate ({@code trust});</li>
 * <li>{@code preferred}: TLS without any check of the certificate when the server offers
 * TLS, plain text when it does not ({@code trust}, falling back to {@code disable});</li>
 * <li>{@code custom}, the configuration Dapr registers when {@code pemPath} is set: TLS,
 * the certificate checked against the CA certificates of {@code pemPath} only, and the
 * host name ({@code verify-full} with {@code serverSslCert});</li>
 * <li>any other name is a configuration the Go driver does not know, and is refused.</li>
 * </ul>
 * {@code allowFallbackToPlaintext=true} lets a connection whose server offers no TLS go
 * on in plain text, as {@code preferred} does; a server that offers TLS with a
 * certificate that fails the check is never a reason to fall back.
 */
final class MySqlTls {

	private MySqlTls() {
	}

	/**
	 * Map the DSN's TLS parameters to driver properties.
	 * @param tls the {@code tls} parameter, or {@code null}
	 * @param allowFallbackToPlaintext the {@code allowFallbackToPlaintext} parameter, or
	 * {@code null}
	 * @param pemPath the {@code pemPath} metadata, or {@code null}
	 * @param properties the driver properties to add {@code sslMode} (and
	 * {@code serverSslCert}) to
	 * @return whether a connection to a server without TLS goes on in plain text
	 * @throws IllegalArgumentException if a value has no meaning for the Go driver
	 */
	static boolean apply(@Nullable String tls, @Nullable String allowFallbackToPlaintext, @Nullable String pemPath,
			Map<String, String> properties) {
		boolean fallback = allowFallbackToPlaintext != null
				&& bool("allowFallbackToPlaintext", allowFallbackToPlaintext);
		if (tls == null) {
			properties.put("sslMode", "disable");
			return false;
		}
		Boolean on = readBool(tls);
		if (on != null) {
			properties.put("sslMode", on ? "verify-full" : "disable");
			return on && fallback;
		}
		switch (tls.toLowerCase(Locale.ROOT)) {
			case "skip-verify" -> properties.put("sslMode", "trust");
			case "preferred" -> {
				properties.put("sslMode", "trust");
				fallback = true;
			}
			case "custom" -> {
				if (pemPath == null) {
					throw new IllegalArgumentException("url: tls=custom needs the CA certificate file in 'pemPath'");
				}
				properties.put("sslMode", "verify-full");
				properties.put("serverSslCert", pemPath);
			}
			default -> throw new IllegalArgumentException("url: invalid value / unknown config name for tls: " + tls
					+ " (use true, false, skip-verify, preferred, or custom with pemPath)");
		}
		return fallback;
	}

	/**
	 * A boolean as the Go driver reads its DSN's flags.
	 */
	private static @Nullable Boolean readBool(String value) {
		return switch (value) {
			case "1", "true", "TRUE", "True" -> Boolean.TRUE;
			case "0", "false", "FALSE", "False" -> Boolean.FALSE;
			default -> null;
		};
	}

	private static boolean bool(String key, String value) {
		Boolean bool = readBool(value);
		if (bool == null) {
			throw new IllegalArgumentException("url: invalid bool value for " + key);
		}
		return bool;
	}

}
