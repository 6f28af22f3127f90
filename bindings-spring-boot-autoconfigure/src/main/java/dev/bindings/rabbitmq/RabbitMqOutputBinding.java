package dev.bindings.rabbitmq;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A {@code bindings.rabbitmq} component: {@code create} publishes the data to the default
 * exchange with the queue name as routing key, persistent, content type {@code text/plain}
 * unless request metadata {@code contentType} says otherwise, every request metadata entry as
 * an AMQP header, and request metadata {@code ttlInSeconds}/{@code ttl} (expiration),
 * {@code priority} (0-255), {@code messageID}, {@code correlationID} and {@code type}
 * (matched case-insensitively). The future completes when the broker confirmed the message
 * (publisher confirms); a nack fails it.
 */
public class RabbitMqOutputBinding implements OutputBinding, AutoCloseable {

	private final CachingConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final String queueName;

	RabbitMqOutputBinding(CachingConnectionFactory connectionFactory, String queueName) {
		this.connectionFactory = connectionFactory;
		this.template = new RabbitTemplate(connectionFactory);
		this.queueName = queueName;
	}

	@Override
	public List<String> operations() {
		return List.of("create");
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		try {
			MessageProperties properties = new MessageProperties();
			properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			Map<String, String> metadata = request.metadata();
			String contentType = find(metadata, "contentType");
			properties.setContentType((contentType != null) ? contentType : "text/plain");
			metadata.forEach(properties::setHeader);
			String ttl = find(metadata, "ttlInSeconds");
			if (ttl == null) {
				ttl = find(metadata, "ttl");
			}
			if (ttl != null) {
				long millis;
				try {
					millis = ComponentMetadata.parseDuration(ttl).toMillis();
				}
				catch (RuntimeException ex) {
					throw new IllegalArgumentException("rabbitMQ binding error: invalid ttl '" + ttl + "'");
				}
				if (millis <= 0) {
					throw new IllegalArgumentException("rabbitMQ binding error: ttl must be greater than zero");
				}
				properties.setExpiration(String.valueOf(millis));
			}
			String priority = find(metadata, "priority");
			if (priority != null) {
				try {
					properties.setPriority(Math.max(0, Math.min(255, Integer.parseInt(priority.trim()))));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("rabbitMQ binding error: priority must be an integer");
				}
			}
			String messageId = find(metadata, "messageID");
			if (messageId != null) {
				properties.setMessageId(messageId);
			}
			String correlationId = find(metadata, "correlationID");
			if (correlationId != null) {
				properties.setCorrelationId(correlationId);
			}
			String type = find(metadata, "type");
			if (type != null) {
				properties.setType(type);
			}
			byte[] data = (request.data() != null) ? request.data() : new byte[0];
			CorrelationData confirm = new CorrelationData(UUID.randomUUID().toString());
			this.template.send("", this.queueName, new Message(data, properties), confirm);
			return confirm.getFuture().thenApply((result) -> {
				if (!result.ack()) {
					throw new IllegalStateException("rabbitMQ binding error: the broker refused the message"
							+ ((result.reason() != null) ? ": " + result.reason() : ""));
				}
				return BindingResponse.noContent();
			});
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static @Nullable String find(Map<String, String> metadata, String key) {
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			if (entry.getKey().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
				return entry.getValue();
			}
		}
		return null;
	}

	@Override
	public CompletableFuture<Void> ping() {
		try {
			this.template.execute((channel) -> channel.queueDeclarePassive(this.queueName));
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public void close() {
		this.connectionFactory.destroy();
	}

}
