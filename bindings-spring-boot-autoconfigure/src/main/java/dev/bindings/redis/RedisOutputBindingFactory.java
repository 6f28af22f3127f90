package dev.bindings.redis;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.OutputBindingFactory;
import io.lettuce.core.RedisURI;

/**
 * Creates {@code bindings.redis} bindings on Lettuce. Metadata: {@code redisHost}
 * ({@code host:port}, required), {@code redisUsername}, {@code redisPassword}, {@code redisDB},
 * {@code enableTLS}. Only {@code redisType: node} is supported: cluster and sentinel failover
 * are refused at startup.
 */
public class RedisOutputBindingFactory implements OutputBindingFactory {

	@Override
	public String type() {
		return "bindings.redis";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		ComponentMetadata metadata = ComponentMetadata.of(component.metadata());
		String host = metadata.getNonEmpty("redisHost");
		if (host == null) {
			throw new IllegalArgumentException("redis binding error: missing 'redisHost' metadata");
		}
		int colon = host.lastIndexOf(':');
		int port = 6379;
		String name = host;
		if (colon > 0) {
			name = host.substring(0, colon);
			try {
				port = Integer.parseInt(host.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("redis binding error: invalid port in 'redisHost' metadata");
			}
		}
		String type = metadata.getNonEmpty("redisType");
		if (type != null && !type.equalsIgnoreCase("node")) {
			throw new IllegalArgumentException("redis binding error: redisType '" + type
					+ "' is not supported by this starter; only 'node'");
		}
		if (metadata.getBoolean("failover", false)) {
			throw new IllegalArgumentException("redis binding error: failover (sentinel) is not supported by this starter");
		}
		RedisURI.Builder uri = RedisURI.builder().withHost(name).withPort(port).withSsl(metadata.getBoolean("enableTLS", false));
		String db = metadata.getNonEmpty("redisDB");
		if (db != null) {
			try {
				uri.withDatabase(Integer.parseInt(db.trim()));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("redis binding error: 'redisDB' must be an integer");
			}
		}
		String password = metadata.getNonEmpty("redisPassword");
		String username = metadata.getNonEmpty("redisUsername");
		if (password != null) {
			if (username != null) {
				uri.withAuthentication(username, password.toCharArray());
			}
			else {
				uri.withPassword(password.toCharArray());
			}
		}
		return new RedisOutputBinding(uri.build());
	}

}
