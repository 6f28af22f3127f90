package dev.bindings.rabbitmq;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.component.RequestMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of a {@code bindings.rabbitmq} component, decoded as Dapr does (keys match
 * case-insensitively, booleans are truthy).
 * <ul>
 * <li>{@code host} (required): the broker URI,
 * {@code amqp://user:password@host:5672/vhost}, or {@code amqps://} for TLS (verified
 * against the JVM's trust store).</li>
 * <li>{@code queueName} (required): the queue, declared at startup and on every new
 * connection, with {@code durable}, {@code deleteWhenUnused} (auto-delete) and
 * {@code exclusive} (all default false); messages go to it through the default
 * exchange.</li>
 * <li>{@code maxPriority} (0-255, larger values count as 255) sets the queue's
 * {@code x-max-priority}; {@code ttl} or {@code ttlInSeconds} (a Go duration or whole
 * seconds) its {@code x-message-ttl}.</li>
 * <li>{@code deadLetterExchange} and {@code deadLetterRoutingKey} (this starter's own)
 * set the queue's {@code x-dead-letter-exchange} and {@code x-dead-letter-routing-key}:
 * where RabbitMQ moves messages the input side rejects without requeue (see
 * {@link RabbitMqInputBindingFactory}'s {@code maxDeliveryAttempts}).</li>
 * <li>{@code prefetchCount} and {@code reconnectWaitInSeconds} concern the input side
 * ({@link RabbitMqInputBindingFactory}); the output side reopens its connection on
 * demand. {@code caCert}, {@code clientCert}, {@code clientKey} and {@code saslExternal}
 * are refused.</li>
 * </ul>
 */
final class RabbitMqBindingMetadata {

	private final URI uri;

	private final String queueName;

	private final boolean durable;

	private final boolean deleteWhenUnused;

	private final boolean exclusive;

	private final @Nullable Integer maxPriority;

	private final @Nullable Duration queueTtl;

	private final @Nullable String deadLetterExchange;

	private final @Nullable String deadLetterRoutingKey;

	private RabbitMqBindingMetadata(URI uri, String queueName, boolean durable, boolean deleteWhenUnused,
			boolean exclusive, @Nullable Integer maxPriority, @Nullable Duration queueTtl,
			@Nullable String deadLetterExchange, @Nullable String deadLetterRoutingKey) {
		this.uri = uri;
		this.queueName = queueName;
		this.durable = durable;
		this.deleteWhenUnused = deleteWhenUnused;
		this.exclusive = exclusive;
		this.maxPriority = maxPriority;
		this.queueTtl = queueTtl;
		this.deadLetterExchange = deadLetterExchange;
		this.deadLetterRoutingKey = deadLetterRoutingKey;
	}

	/**
	 * Validate a component's metadata.
	 * @param metadata the component metadata
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid; the message names the
	 * key and never contains a value
	 */
	static RabbitMqBindingMetadata parse(Map<String, String> metadata) {
		ComponentMetadata md = ComponentMetadata.of(metadata);
		String host = md.require("host", "missing host address: set host to an amqp:// or amqps:// URI");
		String queueName = md.require("queueName", "missing queue Name: set queueName");
		URI uri = ComponentMetadata.parseUri(host, List.of("amqp", "amqps"),
				"invalid host: not an amqp:// or amqps:// URI", "invalid host: not an amqp:// or amqps:// URI",
				"invalid host: the URI has no host name");
		for (String key : new String[] { "caCert", "clientCert", "clientKey" }) {
			if (md.getNonEmpty(key) != null) {
				throw new IllegalArgumentException(key + " is not supported: use an amqps:// host trusted by the JVM");
			}
		}
		if (md.getBoolean("saslExternal", false) || md.getBoolean("externalSasl", false)) {
			throw new IllegalArgumentException("saslExternal is not supported");
		}
		Integer maxPriority = md.getUnsignedInt("maxPriority", 255,
				"can't parse maxPriority field: not an unsigned integer");
		Duration queueTtl;
		try {
			queueTtl = RequestMetadata.ttl(metadata);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("failed to parse TTL: invalid ttl (or ttlInSeconds): "
					+ "must be a Go duration or a whole number of seconds above zero");
		}
		String deadLetterExchange = md.getNonEmpty("deadLetterExchange");
		String deadLetterRoutingKey = md.getNonEmpty("deadLetterRoutingKey");
		if (deadLetterRoutingKey != null && deadLetterExchange == null) {
			throw new IllegalArgumentException("deadLetterRoutingKey needs deadLetterExchange");
		}
		return new RabbitMqBindingMetadata(uri, queueName, md.getBoolean("durable", false),
				md.getBoolean("deleteWhenUnused", false), md.getBoolean("exclusive", false), maxPriority, queueTtl,
				deadLetterExchange, deadLetterRoutingKey);
	}

	URI uri() {
		return this.uri;
	}

	/**
	 * Whether the broker URI asks for TLS ({@code amqps://}).
	 * @return whether TLS is used
	 */
	boolean tls() {
		return this.uri.getScheme().equalsIgnoreCase("amqps");
	}

	/**
	 * The queue messages are published to.
	 * @return the queue name
	 */
	String queueName() {
		return this.queueName;
	}

	/**
	 * Whether the queue is declared durable.
	 * @return whether the queue survives a broker restart
	 */
	boolean durable() {
		return this.durable;
	}

	/**
	 * Whether the queue is declared auto-delete.
	 * @return whether the queue is deleted when its last consumer leaves
	 */
	boolean deleteWhenUnused() {
		return this.deleteWhenUnused;
	}

	/**
	 * Whether the queue is declared exclusive to the binding's connection.
	 * @return whether the queue is exclusive
	 */
	boolean exclusive() {
		return this.exclusive;
	}

	/**
	 * The queue's {@code x-max-priority}.
	 * @return the maximum priority, or {@code null} for a queue without priorities
	 */
	@Nullable Integer maxPriority() {
		return this.maxPriority;
	}

	/**
	 * The queue's {@code x-message-ttl}.
	 * @return the message time to live, or {@code null} for none
	 */
	@Nullable Duration queueTtl() {
		return this.queueTtl;
	}

	/**
	 * The queue's {@code x-dead-letter-exchange}.
	 * @return the exchange, or {@code null} when the component sets none
	 */
	@Nullable String deadLetterExchange() {
		return this.deadLetterExchange;
	}

	/**
	 * Declare the component's queue with its arguments, as both sides do on every new
	 * connection.
	 * @param channel the channel
	 * @throws IOException if the broker refuses the declaration
	 */
	void declareQueue(Channel channel) throws IOException {
		Map<String, Object> arguments = new HashMap<>();
		if (this.queueTtl != null) {
			arguments.put("x-message-ttl", this.queueTtl.toMillis());
		}
		if (this.maxPriority != null) {
			arguments.put("x-max-priority", this.maxPriority);
		}
		if (this.deadLetterExchange != null) {
			arguments.put("x-dead-letter-exchange", this.deadLetterExchange);
		}
		if (this.deadLetterRoutingKey != null) {
			arguments.put("x-dead-letter-routing-key", this.deadLetterRoutingKey);
		}
		channel.queueDeclare(this.queueName, this.durable, this.exclusive, this.deleteWhenUnused, arguments);
	}

}
