package dev.bindings.jdbc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.support.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * Where and how a SQL component connects, once its type has converted Dapr's metadata:
 * the JDBC driver and URL, the credentials, the driver properties, the pool and the
 * values to keep out of messages. A class rather than a record, so that no generated
 * {@code toString} prints the password.
 */
public final class JdbcConnectionSettings {

	private final String driverClassName;

	private final String jdbcUrl;

	private final @Nullable String user;

	private final @Nullable String password;

	private final Map<String, String> properties;

	private final JdbcPoolSettings pool;

	private final Secrets secrets;

	private final @Nullable DataSource dataSource;

	/**
	 * Create the settings.
	 * @param driverClassName the JDBC driver
	 * @param jdbcUrl the JDBC URL
	 * @param user the user, or {@code null} (the URL's)
	 * @param password the password, or {@code null} (the URL's)
	 * @param properties the driver properties, in order
	 * @param pool the pool
	 * @param secrets the component's secret values
	 */
	public JdbcConnectionSettings(String driverClassName, String jdbcUrl, @Nullable String user,
			@Nullable String password, Map<String, String> properties, JdbcPoolSettings pool, Secrets secrets) {
		this(driverClassName, jdbcUrl, user, password, properties, pool, secrets, null);
	}

	private JdbcConnectionSettings(String driverClassName, String jdbcUrl, @Nullable String user,
			@Nullable String password, Map<String, String> properties, JdbcPoolSettings pool, Secrets secrets,
			@Nullable DataSource dataSource) {
		this.driverClassName = driverClassName;
		this.jdbcUrl = jdbcUrl;
		this.user = user;
		this.password = password;
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
		this.pool = pool;
		this.secrets = secrets;
		this.dataSource = dataSource;
	}

	/**
	 * The same settings, with the pool's connections opened by a data source instead of
	 * the driver directly: for a way of connecting the driver has no option for.
	 * @param dataSource the data source; it is given the user and password
	 * @return the settings
	 */
	public JdbcConnectionSettings withDataSource(DataSource dataSource) {
		return new JdbcConnectionSettings(this.driverClassName, this.jdbcUrl, this.user, this.password, this.properties,
				this.pool, this.secrets, dataSource);
	}

	/**
	 * The HikariCP configuration of a component's pool.
	 * @param name the component name (the pool is {@code bindings-<name>})
	 * @return the configuration
	 */
	public HikariConfig hikariConfig(String name) {
		HikariConfig config = this.pool.hikariConfig(name, this.driverClassName, this.jdbcUrl, this.user, this.password,
				this.properties);
		if (this.dataSource != null) {
			config.setDataSource(this.dataSource);
		}
		return config;
	}

	/**
	 * Open the component's pool. A pool that connects at startup fails here when the
	 * database cannot be reached.
	 * @param name the component name
	 * @param failure the exception to throw when the pool cannot be opened, from a
	 * description of the cause without secrets and the cause when it is safe to attach
	 * @return the pool
	 */
	public HikariDataSource open(String name, BiFunction<String, @Nullable Throwable, RuntimeException> failure) {
		try {
			return new HikariDataSource(hikariConfig(name));
		}
		catch (RuntimeException ex) {
			throw failure.apply(this.secrets.describe(ex), this.secrets.safeCause(ex));
		}
	}

	/**
	 * The JDBC URL, without user or password (unless the component gave a JDBC URL with
	 * them).
	 * @return the URL
	 */
	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	/**
	 * The driver properties.
	 * @return the properties, in order
	 */
	public Map<String, String> properties() {
		return this.properties;
	}

	/**
	 * The pool.
	 * @return the pool settings
	 */
	public JdbcPoolSettings pool() {
		return this.pool;
	}

	/**
	 * The component's secret values.
	 * @return the secrets
	 */
	public Secrets secrets() {
		return this.secrets;
	}

}
