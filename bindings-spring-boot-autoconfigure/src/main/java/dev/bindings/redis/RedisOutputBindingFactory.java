package dev.bindings.redis;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.ByteArrayCodec;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;

/**
 * Creates {@code bindings.redis} bindings: one {@link LettuceConnectionFactory} per
 * component, whose Lettuce client opens one multiplexed connection on the first request.
 *
 * @see RedisBindingMetadata
 * @see RedisOutputBinding
 */
public class RedisOutputBindingFactory implements OutputBindingFactory {

	@Override
	public String type() {
		return "bindings.redis";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		RedisBindingMetadata metadata = RedisBindingMetadata.parse(component.metadata());
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(metadata.host(), metadata.port());
		server.setDatabase(metadata.database());
		if (metadata.username() != null) {
			server.setUsername(metadata.username());
		}
		if (metadata.password() != null) {
			server.setPassword(metadata.password());
		}
		LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder();
		if (metadata.tls()) {
			client.useSsl();
		}
		client.commandTimeout(metadata.readTimeout())
			.clientOptions(ClientOptions.builder()
				.socketOptions(SocketOptions.builder().connectTimeout(metadata.dialTimeout()).build())
				.timeoutOptions(TimeoutOptions.enabled())
				.build());
		BindingConnectionFactory connectionFactory = new BindingConnectionFactory(server, client.build());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		return new RedisOutputBinding(connectionFactory, connectionFactory.asyncConnectionProvider());
	}

	/**
	 * A connection factory that also hands out connections asynchronously, with raw bytes
	 * as keys and values, so that no caller waits while a connection is opened.
	 */
	static final class BindingConnectionFactory extends LettuceConnectionFactory {

		BindingConnectionFactory(RedisStandaloneConfiguration server, LettuceClientConfiguration client) {
			super(server, client);
		}

		LettuceConnectionProvider asyncConnectionProvider() {
			return doCreateConnectionProvider(getRequiredNativeClient(), ByteArrayCodec.INSTANCE);
		}

	}

}
