package dev.bindings.redis;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.bindings.component.ComponentMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of a {@code bindings.redis} component, decoded as Dapr does (keys match
 * case-insensitively, booleans are truthy, durations are Go durations or seconds).
 * <ul>
 * <li>{@code redisHost} (required): {@code host:port} of a single Redis node
 * ({@code [::1]:6379} for IPv6).</li>
 * <li>{@code redisUsername} and {@code redisPassword}: ACL user and password (a password
 * alone authenticates as the default user).</li>
 * <li>{@code redisDB} (default 0): the database number.</li>
 * <li>{@code enableTLS} (default false): connect with TLS, verifying the server's
 * certificate against the JVM's trust store.</li>
 * <li>{@code dialTimeout} (default 5s) and {@code readTimeout} (default 3s, the time a
 * command may take), as go-redis' defaults.</li>
 * <li>{@code redisType}: only {@code node} is supported; {@code cluster},
 * {@code failover} (Sentinel) and {@code useEntraID} are refused.</li>
 * </ul>
 * Dapr's pool and retry settings do not apply to Lettuce's single multiplexed connection
 * and are ignored.
 */
final class RedisBindingMetadata {

	static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(5);

	static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);

	private final String host;

	private final int port;

	private final @Nullable String username;

	private final @Nullable String password;

	private final int database;

	private final boolean tls;

	private final Duration dialTimeout;

	private final Duration readTimeout;

	private RedisBindingMetadata(String host, int port, @Nullable String username, @Nullable String password,
			int database, boolean tls, Duration dialTimeout, Duration readTimeout) {
		this.host = host;
		this.port = port;
		this.username = username;
		this.password = password;
		this.database = database;
		this.tls = tls;
		this.dialTimeout = dialTimeout;
		this.readTimeout = readTimeout;
	}

	/**
	 * Validate a component's metadata.
	 * @param metadata the component metadata
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid; the message names the
	 * key and never contains a value
	 */
	static RedisBindingMetadata parse(Map<String, String> metadata) {
		ComponentMetadata md = ComponentMetadata.of(metadata);
		String redisHost = md.require("redisHost", "redis binding: missing redisHost");
		String redisType = md.getNonEmpty("redisType");
		if (redisType != null && redisType.trim().toLowerCase(Locale.ROOT).equals("cluster")) {
			throw new IllegalArgumentException(
					"redis binding: redisType cluster is not supported, only node (a single Redis server)");
		}
		if (md.getBoolean("failover", false)) {
			throw new IllegalArgumentException("redis binding: failover (Redis Sentinel) is not supported");
		}
		if (md.getBoolean("useEntraID", false)) {
			throw new IllegalArgumentException("redis binding: useEntraID is not supported");
		}
		int colon = redisHost.lastIndexOf(':');
		if (colon <= 0 || colon == redisHost.length() - 1 || redisHost.indexOf(',') >= 0) {
			throw new IllegalArgumentException("redis binding: invalid redisHost: expected host:port");
		}
		String host = redisHost.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.indexOf(':') >= 0) {
			throw new IllegalArgumentException(
					"redis binding: invalid redisHost: expected host:port (an IPv6 address in brackets)");
		}
		int port = ComponentMetadata.parseInt(redisHost.substring(colon + 1), 1, 65535,
				"redis binding: invalid redisHost: the port must be a number from 1 to 65535");
		int db = md.getInt("redisDB", 0, 0, Integer.MAX_VALUE,
				"redis binding: invalid redisDB: must be a database number (0 or more)");
		return new RedisBindingMetadata(host, port, md.getNonEmpty("redisUsername"), md.getNonEmpty("redisPassword"),
				db, md.getBoolean("enableTLS", false), timeout(md, "dialTimeout", DEFAULT_DIAL_TIMEOUT),
				timeout(md, "readTimeout", DEFAULT_READ_TIMEOUT));
	}

	private static Duration timeout(ComponentMetadata md, String key, Duration defaultValue) {
		// go-redis reads zero as its default and a negative value as no timeout; Lettuce
		// needs a bound, so both get the default
		return md.getPositiveDuration(key, defaultValue, "redis binding: invalid " + key + ": not a duration");
	}

	/**
	 * The host name or address.
	 * @return the host
	 */
	String host() {
		return this.host;
	}

	/**
	 * The port.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	/**
	 * The ACL user name.
	 * @return the user name, or {@code null}
	 */
	@Nullable String username() {
		return this.username;
	}

	@Nullable String password() {
		return this.password;
	}

	/**
	 * The database number.
	 * @return the database
	 */
	int database() {
		return this.database;
	}

	/**
	 * Whether the connection uses TLS.
	 * @return whether TLS is enabled
	 */
	boolean tls() {
		return this.tls;
	}

	/**
	 * How long connecting may take.
	 * @return the connect timeout
	 */
	Duration dialTimeout() {
		return this.dialTimeout;
	}

	/**
	 * How long a command may take.
	 * @return the command timeout
	 */
	Duration readTimeout() {
		return this.readTimeout;
	}

}
