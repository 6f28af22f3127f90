package dev.bindings.jdbc;

import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import dev.bindings.component.ComponentMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The connection pool of a SQL binding type in HikariCP's terms, how it is configured,
 * and how its settings are read with the messages Dapr's SQL components share
 * ({@code invalid
 * value for '<key>': not an integer}, {@code ... not a duration}). Each type keeps its
 * own keys and defaults ({@code maxOpenConns} and {@code connMaxLifetime} for MySQL,
 * {@code maxConns} and {@code timeout} for PostgreSQL).
 *
 * @param maximumPoolSize the number of connections at most
 * @param minimumIdle the number of idle connections kept
 * @param maxLifetime how long a connection lives, or {@code null} for HikariCP's default;
 * at least 30 seconds (HikariCP's minimum) when set above zero
 * @param idleTimeout how long an idle connection is kept, or {@code null} for HikariCP's
 * default; at least 10 seconds (HikariCP's minimum) when set above zero
 * @param connectionTimeout how long to wait for a connection, or {@code null} for
 * HikariCP's default; at least 250 milliseconds (HikariCP's minimum)
 * @param connectAtStartup whether the pool connects when it starts and fails when the
 * database cannot be reached, or opens connections on demand
 */
public record JdbcPoolSettings(int maximumPoolSize, int minimumIdle, @Nullable Duration maxLifetime,
		@Nullable Duration idleTimeout, @Nullable Duration connectionTimeout, boolean connectAtStartup) {

	/**
	 * A whole number of the metadata, such as a pool size.
	 * @param metadata the metadata
	 * @param key the key
	 * @return the number, {@code 0} when absent or empty
	 * @throws IllegalArgumentException {@code invalid value for '<key>': not an integer}
	 */
	public static int getInt(ComponentMetadata metadata, String key) {
		return metadata.getInt(key, 0, notAnInteger(key));
	}

	/**
	 * A whole number of a connection string's setting, such as {@code pool_max_conns}.
	 * @param key the setting's name
	 * @param value the setting's value
	 * @return the number
	 * @throws IllegalArgumentException {@code invalid value for '<key>': not an integer}
	 */
	public static int parseInt(String key, String value) {
		return ComponentMetadata.parseInt(value.trim(), Integer.MIN_VALUE, Integer.MAX_VALUE, notAnInteger(key));
	}

	/**
	 * A duration of the metadata, a Go duration or whole seconds.
	 * @param metadata the metadata
	 * @param key the key
	 * @return the duration, or {@code null} when absent or empty
	 * @throws IllegalArgumentException {@code invalid value for '<key>': not a duration}
	 */
	public static @Nullable Duration getDuration(ComponentMetadata metadata, String key) {
		return metadata.getDuration(key, notADuration(key));
	}

	/**
	 * A duration of a connection string's setting, such as
	 * {@code pool_max_conn_idle_time}.
	 * @param key the setting's name
	 * @param value the setting's value
	 * @return the duration
	 * @throws IllegalArgumentException {@code invalid value for '<key>': not a duration}
	 */
	public static Duration parseDuration(String key, String value) {
		return ComponentMetadata.parseDuration(value, notADuration(key));
	}

	private static String notAnInteger(String key) {
		return "invalid value for '" + key + "': not an integer";
	}

	private static String notADuration(String key) {
		return "invalid value for '" + key + "': not a duration";
	}

	/**
	 * The HikariCP configuration of a component's pool.
	 * @param name the component name (the pool is {@code bindings-<name>})
	 * @param driverClassName the JDBC driver
	 * @param jdbcUrl the JDBC URL
	 * @param user the user, or {@code null} (the URL's)
	 * @param password the password, or {@code null} (the URL's)
	 * @param properties the driver properties
	 * @return the configuration
	 */
	public HikariConfig hikariConfig(String name, String driverClassName, String jdbcUrl, @Nullable String user,
			@Nullable String password, Map<String, String> properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("bindings-" + name);
		config.setDriverClassName(driverClassName);
		config.setJdbcUrl(jdbcUrl);
		if (user != null) {
			config.setUsername(user);
		}
		if (password != null) {
			config.setPassword(password);
		}
		properties.forEach(config::addDataSourceProperty);
		config.setMaximumPoolSize(this.maximumPoolSize);
		config.setMinimumIdle(this.minimumIdle);
		if (this.maxLifetime != null && this.maxLifetime.toMillis() > 0) {
			config.setMaxLifetime(Math.max(30_000, this.maxLifetime.toMillis()));
		}
		if (this.idleTimeout != null && this.idleTimeout.toMillis() > 0) {
			config.setIdleTimeout(Math.max(10_000, this.idleTimeout.toMillis()));
		}
		if (this.connectionTimeout != null) {
			config.setConnectionTimeout(Math.max(250, this.connectionTimeout.toMillis()));
		}
		// 1: connect at startup and fail it, -1: open connections on demand
		config.setInitializationFailTimeout(this.connectAtStartup ? 1 : -1);
		return config;
	}

}
