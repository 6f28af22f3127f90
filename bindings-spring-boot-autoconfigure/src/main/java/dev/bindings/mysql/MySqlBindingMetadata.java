package dev.bindings.mysql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.bindings.component.ComponentMetadata;
import dev.bindings.jdbc.JdbcConnectionSettings;
import dev.bindings.jdbc.JdbcPoolSettings;
import dev.bindings.support.Secrets;

/**
 * The metadata of a {@code bindings.mysql} component, validated with Dapr's rules and
 * mapped to a MariaDB JDBC URL, driver properties and HikariCP settings.
 * <ul>
 * <li>{@code url} is the Go driver's data source name,
 * {@code user:password@tcp(host:3306)/database?param=value}, converted to a
 * {@code jdbc:mariadb:} URL; {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs are
 * accepted as well. DSN parameters: {@code tls} and {@code allowFallbackToPlaintext} with
 * the Go driver's meaning ({@link MySqlTls}), {@code timeout} (connect),
 * {@code readTimeout}, {@code loc} (the zone of {@code DATETIME} values, UTC by default),
 * {@code clientFoundRows}, {@code multiStatements}, {@code compress}; Go-only parameters
 * are ignored, and any other parameter is set as a session variable, as the Go driver
 * does.</li>
 * <li>{@code pemPath} is the CA certificate file for {@code tls=custom};
 * {@code maxOpenConns} sizes the pool (default 10), {@code maxIdleConns} the connections
 * kept idle, {@code connMaxLifetime} and {@code connMaxIdleTime} their lifetimes.</li>
 * </ul>
 * As in Dapr, the pool connects at startup and fails it when the database cannot be
 * reached.
 */
final class MySqlBindingMetadata {

	/** The pool size when {@code maxOpenConns} is not set. */
	static final int DEFAULT_MAX_OPEN_CONNS = 10;

	private static final String ILLEGAL_DSN = "illegal Data Source Name (DSN) specified by url";

	private static final String DRIVER = "org.mariadb.jdbc.Driver";

	private final JdbcConnectionSettings connection;

	private final ZoneId zone;

	private MySqlBindingMetadata(JdbcConnectionSettings connection, ZoneId zone) {
		this.connection = connection;
		this.zone = zone;
	}

	/**
	 * Validate a component's metadata.
	 * @param metadata the component metadata
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid; the message names the
	 * key and never contains the URL or the password
	 */
	static MySqlBindingMetadata parse(Map<String, String> metadata) {
		ComponentMetadata md = ComponentMetadata.of(metadata);
		String url = md.require("url", "missing MySql connection string");
		String pemPath = md.getNonEmpty("pemPath");
		if (pemPath != null) {
			checkPem(pemPath);
		}
		JdbcPoolSettings pool = pool(md);
		Map<String, String> properties = new LinkedHashMap<>();
		// the Go driver's defaults: affected (not found) rows, TINYINT(1) and YEAR as
		// numbers
		properties.put("useAffectedRows", "true");
		properties.put("tinyInt1isBit", "false");
		properties.put("yearIsDateType", "false");
		// the Go driver refuses LOAD DATA LOCAL INFILE unless allowAllFiles=true;
		// MariaDB's
		// driver would read any file of the app's host the statement names (a JDBC URL's
		// own allowLocalInfile wins over this property)
		properties.put("allowLocalInfile", "false");
		if (url.startsWith("jdbc:")) {
			String jdbcUrl;
			if (url.startsWith("jdbc:mariadb:")) {
				jdbcUrl = url;
			}
			else if (url.startsWith("jdbc:mysql:")) {
				jdbcUrl = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
			}
			else {
				throw new IllegalArgumentException(
						"url: a JDBC URL must start with 'jdbc:mariadb:' or 'jdbc:mysql:' for this component type");
			}
			return new MySqlBindingMetadata(
					new JdbcConnectionSettings(DRIVER, jdbcUrl, null, null, properties, pool, Secrets.of(url, jdbcUrl)),
					ZoneOffset.UTC);
		}
		MySqlDataSourceName dsn = MySqlDataSourceName.parse(url);
		if (dsn == null) {
			throw new IllegalArgumentException(ILLEGAL_DSN);
		}
		Secrets secrets = Secrets.of(url, dsn.password());
		StringBuilder jdbcUrl = new StringBuilder("jdbc:mariadb://");
		switch (dsn.net()) {
			case "tcp" -> jdbcUrl.append(dsn.address());
			case "unix" -> {
				jdbcUrl.append("localhost");
				properties.put("localSocket", dsn.address());
			}
			default -> throw new IllegalArgumentException(
					"url: network '" + dsn.net() + "' is not supported by this starter; use tcp or unix");
		}
		jdbcUrl.append('/').append(dsn.database());
		ZoneId zone = ZoneOffset.UTC;
		String tls = null;
		String allowFallbackToPlaintext = null;
		StringBuilder sessionVariables = new StringBuilder();
		for (Map.Entry<String, String> param : dsn.params().entrySet()) {
			String key = param.getKey();
			String value = param.getValue();
			switch (key) {
				case "tls" -> tls = value;
				case "allowFallbackToPlaintext" -> allowFallbackToPlaintext = value;
				case "timeout" -> properties.put("connectTimeout", millis(key, value));
				case "readTimeout" -> properties.put("socketTimeout", millis(key, value));
				case "loc" -> zone = zone(value);
				case "clientFoundRows" -> properties.put("useAffectedRows", Boolean.toString(!goBool(key, value)));
				case "multiStatements" -> properties.put("allowMultiQueries", Boolean.toString(goBool(key, value)));
				case "compress" -> properties.put("useCompression", Boolean.toString(goBool(key, value)));
				case "allowAllFiles" -> properties.put("allowLocalInfile", Boolean.toString(goBool(key, value)));
				case "writeTimeout", "parseTime", "charset", "collation", "allowNativePasswords",
						"allowCleartextPasswords", "allowOldPasswords", "checkConnLiveness", "columnsWithAlias",
						"interpolateParams", "maxAllowedPacket", "rejectReadOnly", "serverPubKey",
						"connectionAttributes", "timeTruncate" -> {
					// Go driver settings without a counterpart, or the counterpart is the
					// default
				}
				default -> sessionVariables.append((sessionVariables.length() > 0) ? "," : "")
					.append(key)
					.append('=')
					.append(value);
			}
		}
		if (sessionVariables.length() > 0) {
			properties.put("sessionVariables", sessionVariables.toString());
		}
		boolean fallbackToPlaintext = MySqlTls.apply(tls, allowFallbackToPlaintext, pemPath, properties);
		JdbcConnectionSettings connection = new JdbcConnectionSettings(DRIVER, jdbcUrl.toString(), dsn.user(),
				dsn.password(), properties, pool, secrets);
		if (fallbackToPlaintext) {
			connection = connection.withDataSource(new PlaintextFallbackDataSource(new org.mariadb.jdbc.Driver(),
					connection.jdbcUrl(), connection.properties()));
		}
		return new MySqlBindingMetadata(connection, zone);
	}

	/**
	 * The pool, as Dapr sizes {@code database/sql}'s: {@code maxOpenConns} (default 10),
	 * {@code maxIdleConns} (default 2, at most the pool size), {@code connMaxLifetime},
	 * {@code connMaxIdleTime}; it connects at startup, as Dapr pings the database.
	 */
	private static JdbcPoolSettings pool(ComponentMetadata md) {
		int maxOpenConns = JdbcPoolSettings.getInt(md, "maxOpenConns");
		int maxIdleConns = JdbcPoolSettings.getInt(md, "maxIdleConns");
		Duration connMaxLifetime = JdbcPoolSettings.getDuration(md, "connMaxLifetime");
		Duration connMaxIdleTime = JdbcPoolSettings.getDuration(md, "connMaxIdleTime");
		int maximum = (maxOpenConns > 0) ? maxOpenConns : DEFAULT_MAX_OPEN_CONNS;
		return new JdbcPoolSettings(maximum, Math.min(maximum, (maxIdleConns > 0) ? maxIdleConns : 2), connMaxLifetime,
				connMaxIdleTime, null, true);
	}

	private static boolean goBool(String key, String value) {
		return switch (value) {
			case "1", "t", "T", "TRUE", "true", "True" -> true;
			case "0", "f", "F", "FALSE", "false", "False" -> false;
			default -> throw new IllegalArgumentException("url: invalid bool value for " + key);
		};
	}

	private static String millis(String key, String value) {
		return Long.toString(ComponentMetadata.parseDuration(value, "url: invalid duration for " + key).toMillis());
	}

	private static ZoneId zone(String value) {
		if (value.equals("Local")) {
			return ZoneId.systemDefault();
		}
		if (value.equals("UTC") || value.isEmpty()) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(value);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("url: unknown time zone in loc");
		}
	}

	private static void checkPem(String pemPath) {
		byte[] pem;
		try {
			pem = Files.readAllBytes(Path.of(pemPath));
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("error reading PEM file from " + pemPath + ": " + ex.getMessage(), ex);
		}
		try (InputStream input = new ByteArrayInputStream(pem)) {
			if (CertificateFactory.getInstance("X.509").generateCertificates(input).isEmpty()) {
				throw new IllegalArgumentException("failed to append PEM");
			}
		}
		catch (CertificateException | IOException ex) {
			throw new IllegalArgumentException("failed to append PEM", ex);
		}
	}

	/**
	 * Where and how the component connects: the MariaDB driver, the JDBC URL, the
	 * credentials and driver properties, the pool, which connects at startup as Dapr
	 * pings the database, and the secret values.
	 * @return the connection settings
	 */
	JdbcConnectionSettings connection() {
		return this.connection;
	}

	/**
	 * The zone in which {@code DATETIME} and {@code DATE} values are read ({@code loc}).
	 * @return the zone
	 */
	ZoneId zone() {
		return this.zone;
	}

}
