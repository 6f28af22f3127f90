package dev.bindings.rabbitmq;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.LongString;
import dev.bindings.BindingEvent;
import dev.bindings.InputBinding;
import dev.bindings.InputBindingHandler;
import dev.bindings.support.Failures;
import dev.bindings.support.GoUrl;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

/**
 * The input side of a {@code bindings.rabbitmq} component, on a Spring AMQP
 * {@link SimpleMessageListenerContainer}: one consumer on the component's queue, messages
 * delivered one at a time, acknowledged after the application processed them, as in
 * daprd.
 * <p>
 * A message the application did not process is rejected with requeue, as daprd does, so
 * it is never lost; unlike daprd, the consumer waits {@code requeueDelay} (default 1 s)
 * before, so a message that always fails does not spin the broker and the application in
 * a tight loop, and each failure is logged. With {@code maxDeliveryAttempts}, a failed
 * message is instead delivered again in place after {@code requeueDelay}, and after its
 * last attempt rejected without requeue, so RabbitMQ moves it to the queue's dead-letter
 * exchange (reported as dead-lettered when the component names the exchange, else as
 * skipped, at ERROR). While the binding stops, a failed message is requeued at once. The
 * metadata are the message's headers whose values are strings (the names
 * URL-query-escaped), as in daprd.
 */
final class RabbitMqInputBinding implements InputBinding {

	private static final Log logger = LogFactory.getLog(RabbitMqInputBinding.class);

	private final String name;

	private final RabbitMqBindingMetadata metadata;

	private final CachingConnectionFactory connectionFactory;

	private final int prefetchCount;

	private final Duration requeueDelay;

	private final int maxDeliveryAttempts;

	private final Duration reconnectWait;

	private final Object sleeper = new Object();

	private volatile @Nullable SimpleMessageListenerContainer container;

	private volatile boolean stopping;

	RabbitMqInputBinding(String name, RabbitMqBindingMetadata metadata, CachingConnectionFactory connectionFactory,
			int prefetchCount, Duration requeueDelay, int maxDeliveryAttempts, Duration reconnectWait) {
		this.name = name;
		this.metadata = metadata;
		this.connectionFactory = connectionFactory;
		this.prefetchCount = prefetchCount;
		this.requeueDelay = requeueDelay;
		this.maxDeliveryAttempts = maxDeliveryAttempts;
		this.reconnectWait = reconnectWait;
		// every new connection (the first, and after the broker restarted) declares the
		// queue before the consumer uses it
		connectionFactory.addConnectionListener((ConnectionListener) this::declareQueue);
	}

	private void declareQueue(@Nullable Connection connection) {
		if (connection == null) {
			return;
		}
		try (Channel channel = connection.createChannel(false)) {
			this.metadata.declareQueue(channel);
		}
		catch (Exception ex) {
			logger.warn("RabbitMQ input binding '" + this.name + "': can't declare queue '" + this.metadata.queueName()
					+ "': " + Failures.describe(ex));
		}
	}

	@Override
	public synchronized void start(InputBindingHandler handler) {
		if (this.container != null || this.stopping) {
			return;
		}
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(this.metadata.queueName());
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(this.prefetchCount);
		container.setRecoveryInterval(Math.max(this.reconnectWait.toMillis(), 100));
		container.setForceStop(true);
		container.setMissingQueuesFatal(false);
		// header values arrive as text, however long
		container.setMessagePropertiesConverter(new DefaultMessagePropertiesConverter(1024, true));
		container.setBeanName("bindings-" + this.name);
		container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
			if (channel != null) {
				deliver(handler, message, channel);
			}
		});
		container.afterPropertiesSet();
		container.start();
		this.container = container;
	}

	private void deliver(InputBindingHandler handler, Message message, Channel channel) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		BindingEvent event = event(message);
		for (int attempt = 1;; attempt++) {
			try {
				handler.handle(event);
				channel.basicAck(tag, false);
				return;
			}
			catch (Exception ex) {
				if (this.maxDeliveryAttempts > 0 && attempt >= this.maxDeliveryAttempts && !this.stopping) {
					reject(handler, event, tag, channel, attempt, ex);
					return;
				}
				boolean again = this.maxDeliveryAttempts > 0 && !this.stopping;
				logger.warn("RabbitMQ input binding '" + this.name + "': the application did not process a message of "
						+ "queue " + this.metadata.queueName()
						+ (Boolean.TRUE.equals(message.getMessageProperties().getRedelivered()) ? " (redelivered)" : "")
						+ (again ? " (attempt " + attempt + " of " + this.maxDeliveryAttempts
								+ "); it is delivered again" : "; it is requeued")
						+ (this.stopping ? "" : " in " + this.requeueDelay.toMillis() + " ms") + ": "
						+ Failures.describe(ex));
				waitBeforeRetry();
				if (!again || this.stopping) {
					channel.basicNack(tag, false, true);
					return;
				}
			}
		}
	}

	/**
	 * Give a message up after its last attempt: rejected without requeue, so RabbitMQ
	 * moves it to the queue's dead-letter exchange (or discards it when the queue has
	 * none).
	 */
	private void reject(InputBindingHandler handler, BindingEvent event, long tag, Channel channel, int attempts,
			Exception cause) throws IOException {
		channel.basicNack(tag, false, false);
		String source = "a message of queue " + this.metadata.queueName() + " (" + attempts + " attempts)";
		String deadLetterExchange = this.metadata.deadLetterExchange();
		if (deadLetterExchange != null) {
			handler.deadLettered(event, source, "dead-letter exchange '" + deadLetterExchange + "'", cause);
		}
		else {
			handler.skipped(event,
					source + ", rejected without requeue: only a dead-letter policy on the queue keeps it", cause);
		}
	}

	private void waitBeforeRetry() {
		long deadline = System.nanoTime() + this.requeueDelay.toNanos();
		synchronized (this.sleeper) {
			long left;
			while (!this.stopping && (left = deadline - System.nanoTime()) > 0) {
				try {
					this.sleeper.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * The message as daprd's RabbitMQ component hands it over: the body, and the headers
	 * whose values are strings, their names URL-query-escaped.
	 */
	BindingEvent event(Message message) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map.Entry<String, Object> header : message.getMessageProperties().getHeaders().entrySet()) {
			Object value = header.getValue();
			if (value instanceof String || value instanceof LongString) {
				metadata.put(GoUrl.queryEscape(header.getKey()), value.toString());
			}
		}
		return new BindingEvent(this.name, message.getBody(), metadata);
	}

	@Override
	public void pause() {
		SimpleMessageListenerContainer container = this.container;
		if (container != null) {
			// the consumer is cancelled; messages it held are requeued by the broker
			container.stop();
		}
	}

	@Override
	public void resume() {
		SimpleMessageListenerContainer container = this.container;
		if (container != null && !this.stopping) {
			container.start();
		}
	}

	@Override
	public void stop(Duration timeout) {
		SimpleMessageListenerContainer container;
		synchronized (this) {
			this.stopping = true;
			container = this.container;
		}
		synchronized (this.sleeper) {
			this.sleeper.notifyAll();
		}
		if (container != null) {
			container.setShutdownTimeout(Math.max(timeout.toMillis(), 1));
			container.stop();
			container.destroy();
		}
		this.connectionFactory.destroy();
	}

}
