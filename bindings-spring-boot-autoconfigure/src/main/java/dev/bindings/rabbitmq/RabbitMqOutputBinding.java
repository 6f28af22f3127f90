package dev.bindings.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import dev.bindings.component.RequestMetadata;
import dev.bindings.support.BoundedExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A {@code bindings.rabbitmq} component: operation {@code create} publishes the data
 * bytes to the component's queue through the default exchange, as Dapr does, and
 * completes when the broker confirmed the message (publisher confirms); a negative
 * confirmation or a channel that closes first fails the request.
 * <p>
 * The message is persistent, with content type {@code text/plain} unless request metadata
 * {@code contentType} says otherwise, and every request metadata entry as a header.
 * Request metadata {@code ttl} (or {@code ttlInSeconds}) sets the expiration in
 * milliseconds, {@code priority} (clamped to 0-255) the priority, and {@code messageID},
 * {@code correlationID} and {@code type} the message properties of those names (all
 * matched case-insensitively).
 * <p>
 * The queue is declared when the binding is created and again on every new connection, so
 * an exclusive or auto-deleted queue comes back after the broker restarts. Publishing
 * runs on a few threads of the binding's own, never on the caller's.
 */
final class RabbitMqOutputBinding implements OutputBinding, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RabbitMqOutputBinding.class);

	private static final List<String> OPERATIONS = List.of("create");

	/** How long a publish may wait for the broker's confirmation. */
	static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

	/** How long a ping may take. */
	static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

	private static final int PUBLISHER_THREADS = 4;

	/** How many messages may wait for a publisher thread; the next one fails at once. */
	static final int MAXIMUM_QUEUED_MESSAGES = 1000;

	private final RabbitMqBindingMetadata metadata;

	private final CachingConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final BoundedExecutor publisher;

	private final Set<CompletableFuture<BindingResponse>> pending = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Create a binding. Call {@link #declareQueue()} before using it.
	 * @param name the component name, for thread names
	 * @param metadata the component metadata
	 * @param connectionFactory the connection factory, with correlated publisher
	 * confirms; destroyed with the binding
	 */
	RabbitMqOutputBinding(String name, RabbitMqBindingMetadata metadata, CachingConnectionFactory connectionFactory) {
		this.metadata = metadata;
		this.connectionFactory = connectionFactory;
		this.template = new RabbitTemplate(connectionFactory);
		this.publisher = new BoundedExecutor(name, PUBLISHER_THREADS, MAXIMUM_QUEUED_MESSAGES, Duration.ofSeconds(5));
		connectionFactory.addConnectionListener(new QueueDeclaringListener());
	}

	/**
	 * Declare the component's queue now, as Dapr does when the component starts.
	 * @throws org.springframework.amqp.AmqpException if the broker cannot be reached or
	 * refuses the declaration
	 */
	void declareQueue() {
		this.template.execute((channel) -> {
			this.metadata.declareQueue(channel);
			return Boolean.TRUE;
		});
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		Message message;
		try {
			message = message(request);
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.failedFuture(new InvocationFailedException(String.valueOf(ex.getMessage())));
		}
		if (this.closed) {
			return CompletableFuture.failedFuture(closedException());
		}
		CompletableFuture<BindingResponse> result = new CompletableFuture<>();
		this.pending.add(result);
		result.whenComplete((response, failure) -> this.pending.remove(result));
		try {
			this.publisher.execute(() -> publish(message, result));
		}
		catch (RejectedExecutionException ex) {
			result.completeExceptionally(this.publisher.isClosed() ? closedException()
					: new InvocationFailedException(
							"failed to publish message: too many messages waiting to be sent (at most "
									+ MAXIMUM_QUEUED_MESSAGES + ")",
							ex));
		}
		return result.orTimeout(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((response, failure) -> {
			if (failure == null) {
				return response;
			}
			Throwable cause = unwrap(failure);
			if (cause instanceof TimeoutException) {
				throw new InvocationFailedException("failed to publish message: no confirmation from the broker within "
						+ CONFIRM_TIMEOUT.toSeconds() + "s", cause);
			}
			throw (cause instanceof RuntimeException runtime) ? runtime : new CompletionException(cause);
		});
	}

	private Message message(BindingRequest request) {
		Map<String, String> metadata = request.metadata();
		MessageProperties properties = new MessageProperties();
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		metadata.forEach(properties::setHeader);
		String contentType = RequestMetadata.get(metadata, "contentType");
		properties.setContentType((contentType != null && !contentType.isEmpty()) ? contentType : "text/plain");
		Duration ttl;
		try {
			ttl = RequestMetadata.ttl(metadata);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("failed to get TTL: " + ex.getMessage());
		}
		if (ttl != null) {
			properties.setExpiration(Long.toString(ttl.toMillis()));
		}
		Integer priority = RequestMetadata.priority(metadata);
		if (priority != null) {
			properties.setPriority(priority);
		}
		String messageId = RequestMetadata.get(metadata, "messageID");
		if (messageId != null && !messageId.isEmpty()) {
			properties.setMessageId(messageId);
		}
		String correlationId = RequestMetadata.get(metadata, "correlationID");
		if (correlationId != null && !correlationId.isEmpty()) {
			properties.setCorrelationId(correlationId);
		}
		String type = RequestMetadata.get(metadata, "type");
		if (type != null && !type.isEmpty()) {
			properties.setType(type);
		}
		byte[] data = request.data();
		return new Message((data != null) ? data : new byte[0], properties);
	}

	private void publish(Message message, CompletableFuture<BindingResponse> result) {
		if (result.isDone()) {
			return;
		}
		// no id: the template would send it as a header of its own
		CorrelationData correlation = new CorrelationData("");
		try {
			this.template.send("", this.metadata.queueName(), message, correlation);
		}
		catch (RuntimeException ex) {
			result
				.completeExceptionally(new InvocationFailedException("failed to publish message: " + describe(ex), ex));
			return;
		}
		correlation.getFuture().whenComplete((confirm, failure) -> {
			if (failure != null) {
				result.completeExceptionally(
						new InvocationFailedException("failed to publish message: " + describe(failure), failure));
			}
			else if (confirm.ack()) {
				result.complete(BindingResponse.noContent());
			}
			else {
				String reason = confirm.reason();
				result.completeExceptionally(new InvocationFailedException(
						"failed to publish message: the broker did not confirm the message"
								+ ((reason != null && !reason.isEmpty()) ? ": " + reason : "")));
			}
		});
	}

	@Override
	public CompletableFuture<Void> ping() {
		if (this.closed) {
			return CompletableFuture.failedFuture(closedException());
		}
		return this.publisher.supply(() -> this.template.execute((channel) -> {
			channel.queueDeclarePassive(this.metadata.queueName());
			return Boolean.TRUE;
		}), CLOSED, "too many messages waiting to be sent (at most " + MAXIMUM_QUEUED_MESSAGES + ")")
			.thenApply((declared) -> (Void) null)
			.orTimeout(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static final String CLOSED = "channel/connection is not open";

	private static InvocationFailedException closedException() {
		return new InvocationFailedException(CLOSED);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder();
		for (Throwable current = unwrap(failure); current != null; current = (current.getCause() != current)
				? current.getCause() : null) {
			String message = current.getMessage();
			if (message != null && !message.isBlank() && description.indexOf(message) < 0) {
				description.append((description.length() > 0) ? ": " : "").append(message);
			}
		}
		return (description.length() > 0) ? description.toString() : failure.getClass().getSimpleName();
	}

	/**
	 * The component metadata.
	 * @return the metadata
	 */
	RabbitMqBindingMetadata getMetadata() {
		return this.metadata;
	}

	/**
	 * The connection factory of this binding.
	 * @return the connection factory
	 */
	CachingConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			// let accepted messages be sent and confirmed, for a while
			if (this.publisher.shutdown()) {
				CompletableFuture.allOf(this.pending.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// failed or still pending: closing anyway
		}
		this.connectionFactory.destroy();
		for (CompletableFuture<BindingResponse> result : this.pending) {
			result.completeExceptionally(closedException());
		}
	}

	private final class QueueDeclaringListener implements ConnectionListener {

		@Override
		public void onCreate(@Nullable Connection connection) {
			if (connection == null || RabbitMqOutputBinding.this.closed) {
				return;
			}
			try (Channel channel = connection.createChannel(false)) {
				RabbitMqOutputBinding.this.metadata.declareQueue(channel);
			}
			catch (Exception ex) {
				logger.warn("Could not declare queue '" + RabbitMqOutputBinding.this.metadata.queueName()
						+ "' on a new connection: " + describe(ex));
			}
		}

	}

}
