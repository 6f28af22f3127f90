package dev.bindings.rabbitmq;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.OutputBindingFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Creates {@code bindings.rabbitmq} bindings on Spring AMQP. Metadata: {@code host} (an AMQP
 * URI, required), {@code queueName} (required), {@code durable}, {@code deleteWhenUnused},
 * {@code exclusive}, {@code maxPriority}, {@code ttlInSeconds} (queue message TTL). The queue is
 * declared at startup, as Dapr does.
 */
public class RabbitMqOutputBindingFactory implements OutputBindingFactory {

	@Override
	public String type() {
		return "bindings.rabbitmq";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		ComponentMetadata metadata = ComponentMetadata.of(component.metadata());
		String host = metadata.getNonEmpty("host");
		if (host == null) {
			throw new IllegalArgumentException("rabbitMQ binding error: missing RabbitMQ host");
		}
		String queueName = metadata.getNonEmpty("queueName");
		if (queueName == null) {
			throw new IllegalArgumentException("rabbitMQ binding error: missing RabbitMQ queue name");
		}
		URI uri;
		try {
			uri = URI.create(host);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("rabbitMQ binding error: 'host' is not an AMQP URI");
		}
		if (uri.getScheme() == null || !(uri.getScheme().equals("amqp") || uri.getScheme().equals("amqps"))) {
			throw new IllegalArgumentException("rabbitMQ binding error: 'host' must be an amqp:// or amqps:// URI");
		}
		Map<String, Object> arguments = new HashMap<>();
		Integer maxPriority = integer(metadata, "maxPriority");
		if (maxPriority != null) {
			arguments.put("x-max-priority", Math.max(0, Math.min(255, maxPriority)));
		}
		String ttl = metadata.getNonEmpty("ttlInSeconds");
		if (ttl != null) {
			try {
				arguments.put("x-message-ttl", ComponentMetadata.parseDuration(ttl).toMillis());
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("rabbitMQ binding error: invalid 'ttlInSeconds' metadata");
			}
		}
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(uri);
		connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		connectionFactory.setConnectionNameStrategy((factory) -> "dapr-binding-" + component.name());
		try {
			Queue queue = new Queue(queueName, metadata.getBoolean("durable", false),
					metadata.getBoolean("exclusive", false), metadata.getBoolean("deleteWhenUnused", false),
					arguments);
			RabbitAdmin admin = new RabbitAdmin(connectionFactory);
			admin.declareQueue(queue);
		}
		catch (RuntimeException ex) {
			connectionFactory.destroy();
			throw new IllegalStateException("rabbitMQ binding error: cannot declare queue " + queueName + ": "
					+ ex.getClass().getSimpleName(), ex);
		}
		return new RabbitMqOutputBinding(connectionFactory, queueName);
	}

	private static @Nullable Integer integer(ComponentMetadata metadata, String key) {
		String value = metadata.getNonEmpty(key);
		if (value == null) {
			return null;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("rabbitMQ binding error: '" + key + "' must be an integer");
		}
	}

}
