package dev.bindings.postgresql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bindings.component.ComponentMetadata;
import dev.bindings.jdbc.JdbcConnectionSettings;
import dev.bindings.jdbc.JdbcPoolSettings;
import dev.bindings.support.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of a {@code bindings.postgresql} component, validated with Dapr's rules
 * and mapped to a JDBC URL, driver properties and HikariCP settings.
 * <ul>
 * <li>{@code connectionString} (alias {@code url}) is a pgx connection string: a URL
 * ({@code postgres://user:password@host:5432/database?sslmode=disable}) or keyword/value
 * pairs ({@code host=localhost user=postgres dbname=test}); a {@code jdbc:postgresql:}
 * URL is accepted as well. Without one, the discrete keys {@code host}, {@code port},
 * {@code database}, {@code user}, {@code password} and {@code sslRootCert} are used.</li>
 * <li>{@code timeout} (Go duration or seconds, default {@code 20s}) bounds the wait for a
 * connection and each statement; {@code maxConns} sizes the pool (default: 4 or the
 * number of CPUs, whichever is greater); {@code connectionMaxIdleTime} closes idle
 * connections; {@code queryExecMode} selects the protocol ({@code simple_protocol} uses
 * PostgreSQL's simple query protocol).</li>
 * <li>Parameters sent as strings are typed by the server (the driver's
 * {@code stringtype=unspecified}), as pgx does.</li>
 * <li>The TLS settings ({@code sslmode}, {@code sslrootcert}, {@code sslcert},
 * {@code sslkey}, {@code sslpassword}, {@code sslnegotiation}) keep pgx's meaning
 * ({@link PostgreSqlTls}); a {@code jdbc:postgresql:} URL is the driver's own.</li>
 * </ul>
 * Azure AD and AWS IAM authentication are refused with a clear error.
 */
final class PostgreSqlBindingMetadata {

	/** The timeout when {@code timeout} is not set, as in Dapr. */
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

	private static final List<String> QUERY_EXEC_MODES = List.of("cache_statement", "cache_describe", "describe_exec",
			"exec", "simple_protocol");

	private static final String DRIVER = "org.postgresql.Driver";

	private final JdbcConnectionSettings connection;

	private final Duration timeout;

	private PostgreSqlBindingMetadata(JdbcConnectionSettings connection, Duration timeout) {
		this.connection = connection;
		this.timeout = timeout;
	}

	/**
	 * Validate a component's metadata.
	 * @param metadata the component metadata
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid; the message names the
	 * key and never contains a value of the connection string
	 */
	static PostgreSqlBindingMetadata parse(Map<String, String> metadata) {
		ComponentMetadata md = ComponentMetadata.of(metadata);
		if (md.getBoolean("useAzureAD", false)) {
			throw new IllegalArgumentException("useAzureAD: Azure AD authentication is not supported by this "
					+ "starter; put the password in 'connectionString' (from a secret store)");
		}
		if (md.getBoolean("useAWSIAM", false)) {
			throw new IllegalArgumentException("useAWSIAM: AWS IAM authentication is not supported by this "
					+ "starter; put the password in 'connectionString' (from a secret store)");
		}
		Duration timeout = JdbcPoolSettings.getDuration(md, "timeout");
		if (timeout == null) {
			timeout = JdbcPoolSettings.getDuration(md, "timeoutInSeconds");
		}
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			timeout = DEFAULT_TIMEOUT;
		}
		Duration maxIdle = JdbcPoolSettings.getDuration(md, "connectionMaxIdleTime");
		int maxConns = JdbcPoolSettings.getInt(md, "maxConns");
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("stringtype", "unspecified");
		String queryExecMode = md.getNonEmpty("queryExecMode");
		String connectionString = md.getNonEmpty("connectionString");
		if (connectionString == null) {
			connectionString = md.getNonEmpty("url");
		}
		String jdbcUrl;
		String user;
		String password;
		Secrets secrets;
		if (connectionString != null && connectionString.startsWith("jdbc:")) {
			if (!connectionString.startsWith("jdbc:postgresql:")) {
				throw new IllegalArgumentException(
						"connectionString: a JDBC URL must start with 'jdbc:postgresql:' for this component type");
			}
			jdbcUrl = connectionString;
			user = null;
			password = null;
			secrets = Secrets.of(connectionString);
		}
		else {
			Map<String, String> settings;
			if (connectionString != null) {
				settings = PostgreSqlConnectionString.parse(connectionString);
			}
			else if (md.getNonEmpty("host") != null) {
				settings = discrete(md);
			}
			else {
				throw new IllegalArgumentException("missing connection string");
			}
			user = settings.remove("user");
			password = settings.remove("password");
			if (user == null || user.isEmpty()) {
				user = System.getProperty("user.name");
			}
			jdbcUrl = jdbcUrl(settings);
			String maxConnsSetting = settings.remove("pool_max_conns");
			if (maxConns <= 0 && maxConnsSetting != null) {
				maxConns = JdbcPoolSettings.parseInt("pool_max_conns", maxConnsSetting);
			}
			String maxIdleSetting = settings.remove("pool_max_conn_idle_time");
			if (maxIdle == null && maxIdleSetting != null) {
				maxIdle = JdbcPoolSettings.parseDuration("pool_max_conn_idle_time", maxIdleSetting);
			}
			String execModeSetting = settings.remove("default_query_exec_mode");
			if (queryExecMode == null && execModeSetting != null) {
				queryExecMode = execModeSetting;
			}
			properties.putAll(PostgreSqlTls.driverProperties(settings, Path.of(System.getProperty("user.home"))));
			settings.keySet().removeAll(PostgreSqlTls.KEYS);
			driverProperties(settings, properties);
			secrets = Secrets.of(password, connectionString,
					(password != null) ? URLEncoder.encode(password, StandardCharsets.UTF_8) : null);
		}
		if (queryExecMode != null) {
			if (!QUERY_EXEC_MODES.contains(queryExecMode)) {
				throw new IllegalArgumentException("invalid queryExecMode metadata value: " + queryExecMode);
			}
			switch (queryExecMode) {
				case "simple_protocol" -> properties.put("preferQueryMode", "simple");
				case "exec", "describe_exec" -> properties.put("prepareThreshold", "0");
				default -> {
				}
			}
		}
		if (maxConns <= 0) {
			maxConns = Math.max(4, Runtime.getRuntime().availableProcessors());
		}
		// connections are opened on demand (as pgx does), so a database that is down does
		// not stop startup
		JdbcPoolSettings pool = new JdbcPoolSettings(maxConns, 0, null, maxIdle, timeout, false);
		return new PostgreSqlBindingMetadata(
				new JdbcConnectionSettings(DRIVER, jdbcUrl, user, password, properties, pool, secrets), timeout);
	}

	private static Map<String, String> discrete(ComponentMetadata md) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("host", md.getNonEmpty("host"));
		putIfPresent(settings, "port", md.getNonEmpty("port"));
		putIfPresent(settings, "database", md.getNonEmpty("database"));
		putIfPresent(settings, "user", md.getNonEmpty("user"));
		putIfPresent(settings, "password", md.getNonEmpty("password"));
		putIfPresent(settings, "sslrootcert", md.getNonEmpty("sslRootCert"));
		return settings;
	}

	private static void putIfPresent(Map<String, String> settings, String key, @Nullable String value) {
		if (value != null) {
			settings.put(key, value);
		}
	}

	private static String jdbcUrl(Map<String, String> settings) {
		String hostSetting = settings.remove("host");
		String portSetting = settings.remove("port");
		String database = settings.remove("database");
		String[] hosts = (hostSetting != null && !hostSetting.isEmpty()) ? hostSetting.split(",", -1)
				: new String[] { "localhost" };
		String[] ports = (portSetting != null && !portSetting.isEmpty()) ? portSetting.split(",", -1)
				: new String[] { "5432" };
		if (ports.length != 1 && ports.length != hosts.length) {
			throw new IllegalArgumentException("failed to parse connection string: could not match " + ports.length
					+ " port numbers to " + hosts.length + " hosts");
		}
		StringBuilder url = new StringBuilder("jdbc:postgresql://");
		for (int i = 0; i < hosts.length; i++) {
			String host = hosts[i].trim();
			if (host.startsWith("/")) {
				throw new IllegalArgumentException("failed to parse connection string: unix-domain socket hosts "
						+ "are not supported by this starter; use a TCP host and port");
			}
			String port = ports[(ports.length == 1) ? 0 : i].trim();
			if (port.isEmpty()) {
				port = "5432";
			}
			if (!port.chars().allMatch(Character::isDigit)) {
				throw new IllegalArgumentException("failed to parse connection string: invalid port");
			}
			if (i > 0) {
				url.append(',');
			}
			boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
			url.append(ipv6 ? "[" + host + "]" : host).append(':').append(port);
		}
		url.append('/');
		if (database != null) {
			url.append(URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return url.toString();
	}

	private static void driverProperties(Map<String, String> settings, Map<String, String> properties) {
		StringBuilder options = new StringBuilder();
		for (Map.Entry<String, String> setting : settings.entrySet()) {
			String key = setting.getKey();
			String value = setting.getValue();
			switch (key) {
				case "connect_timeout" -> properties.put("connectTimeout", value);
				case "application_name" -> properties.put("ApplicationName", value);
				case "search_path" -> properties.put("currentSchema", value);
				case "target_session_attrs" -> properties.put("targetServerType", targetServerType(value));
				case "options" -> options.append((options.length() > 0) ? " " : "").append(value);
				default -> {
					if (!ignored(key)) {
						// pgx sends unknown settings as run-time parameters
						options.append((options.length() > 0) ? " " : "")
							.append("-c ")
							.append(key)
							.append('=')
							.append(value.replace("\\", "\\\\").replace(" ", "\\ "));
					}
				}
			}
		}
		if (options.length() > 0) {
			properties.put("options", options.toString());
		}
	}

	private static boolean ignored(String key) {
		return key.startsWith("pool_") || key.equals("statement_cache_capacity")
				|| key.equals("description_cache_capacity") || key.equals("min_read_buffer_size")
				|| key.equals("passfile") || key.equals("servicefile") || key.equals("service")
				|| key.equals("krbsrvname") || key.equals("krbspn") || key.equals("sslsni")
				|| key.equals("fallback_application_name");
	}

	private static String targetServerType(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "read-write", "primary" -> "primary";
			case "read-only", "standby" -> "secondary";
			case "prefer-standby" -> "preferSecondary";
			case "any", "" -> "any";
			default -> throw new IllegalArgumentException(
					"failed to parse connection string: unknown target_session_attrs value");
		};
	}

	/**
	 * Where and how the component connects: the PostgreSQL driver, the JDBC URL, the
	 * credentials and driver properties, the pool, which opens connections on demand (as
	 * pgx does) so that a database that is down does not stop startup, and the secret
	 * values.
	 * @return the connection settings
	 */
	JdbcConnectionSettings connection() {
		return this.connection;
	}

	/**
	 * The maximum number of connections.
	 * @return the pool size
	 */
	int maxConns() {
		return this.connection.pool().maximumPoolSize();
	}

	/**
	 * The timeout of each statement and of the wait for a connection.
	 * @return the timeout
	 */
	Duration timeout() {
		return this.timeout;
	}

}
