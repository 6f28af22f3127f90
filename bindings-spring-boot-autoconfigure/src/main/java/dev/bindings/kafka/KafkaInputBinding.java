package dev.bindings.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.bindings.BindingEvent;
import dev.bindings.InputBinding;
import dev.bindings.InputBindingHandler;
import dev.bindings.support.Failures;
import dev.bindings.support.GoUrl;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RetryListener;

/**
 * The input side of a {@code bindings.kafka} component, on a spring-kafka
 * {@link ConcurrentMessageListenerContainer}: one record at a time per partition (order
 * kept per partition), offsets committed only for records the application processed
 * ({@code AckMode.BATCH}: once the records of a poll are processed, and up to a failed
 * record), never past a failed record. After a crash, the records processed since the
 * last commit (at most one poll's) are delivered again.
 * <p>
 * A failed record is retried in place with Dapr's back-off when
 * {@code consumeRetryEnabled} is true (the partition waits, as in daprd); when retries
 * are off (the default, as in daprd) or used up, it is published to
 * {@code deadLetterTopic} when one is set, and otherwise skipped with an ERROR log naming
 * topic, partition and offset and a count, never silently. While the binding stops, a
 * failed record is neither skipped nor dead-lettered: it is left uncommitted, to be
 * delivered again.
 */
final class KafkaInputBinding implements InputBinding {

	private static final Log logger = LogFactory.getLog(KafkaInputBinding.class);

	private final String name;

	private final KafkaInputMetadata input;

	private final @Nullable Pattern excludeHeaderMetaRegex;

	private final ConsumerFactory<byte[], byte[]> consumerFactory;

	private final @Nullable DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducers;

	private volatile @Nullable ConcurrentMessageListenerContainer<byte[], byte[]> container;

	private volatile boolean stopping;

	private final AtomicInteger inFlight = new AtomicInteger();

	KafkaInputBinding(String name, KafkaInputMetadata input, @Nullable Pattern excludeHeaderMetaRegex,
			ConsumerFactory<byte[], byte[]> consumerFactory,
			@Nullable DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducers) {
		this.name = name;
		this.input = input;
		this.excludeHeaderMetaRegex = excludeHeaderMetaRegex;
		this.consumerFactory = consumerFactory;
		this.deadLetterProducers = deadLetterProducers;
	}

	@Override
	public synchronized void start(InputBindingHandler handler) {
		if (this.container != null || this.stopping) {
			return;
		}
		ContainerProperties properties = new ContainerProperties(this.input.topics().toArray(String[]::new));
		properties.setGroupId(this.input.consumerGroup());
		properties.setAckMode(ContainerProperties.AckMode.BATCH);
		properties.setPauseImmediate(true);
		properties.setStopImmediate(true);
		properties.setMessageListener((MessageListener<byte[], byte[]>) (record) -> deliver(handler, record));
		ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(
				this.consumerFactory, properties);
		container.setConcurrency(this.input.concurrency());
		container.setBeanName("bindings-" + this.name);
		container.setCommonErrorHandler(errorHandler(handler));
		container.start();
		this.container = container;
	}

	private void deliver(InputBindingHandler handler, ConsumerRecord<byte[], byte[]> record) {
		this.inFlight.incrementAndGet();
		try {
			handler.handle(event(record));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new KafkaException("the application did not process the record: " + Failures.describe(ex), ex);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private DefaultErrorHandler errorHandler(InputBindingHandler handler) {
		ConsumerRecordRecoverer giveUp = giveUp(handler);
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(giveUp, this.input.backOff());
		// every failure is the application's answer: all are retried alike
		errorHandler.setClassifications(Map.of(), true);
		errorHandler.setCommitRecovered(true);
		errorHandler.setLogLevel(KafkaException.Level.DEBUG);
		errorHandler.setRetryListeners(new RetryListener() {

			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {
				String reason = (ex != null) ? Failures.describe(cause(ex)) : "unknown";
				logger.warn("Input binding '" + KafkaInputBinding.this.name + "': the application did not process "
						+ source(record) + " (attempt " + deliveryAttempt + "): " + reason
						+ (KafkaInputBinding.this.input.consumeRetryEnabled() ? ""
								: " (consumeRetryEnabled is false)"));
			}

		});
		return errorHandler;
	}

	private ConsumerRecordRecoverer giveUp(InputBindingHandler handler) {
		DeadLetterPublishingRecoverer deadLetter = null;
		String deadLetterTopic = this.input.deadLetterTopic();
		if (this.deadLetterProducers != null && deadLetterTopic != null) {
			KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(this.deadLetterProducers);
			deadLetter = new DeadLetterPublishingRecoverer(template,
					(record, ex) -> new TopicPartition(deadLetterTopic, -1));
			deadLetter.setWaitForSendResultTimeout(Duration.ofSeconds(30));
		}
		DeadLetterPublishingRecoverer publisher = deadLetter;
		return (record, ex) -> {
			if (this.stopping) {
				throw new IllegalStateException("not giving up on " + source(record)
						+ " while the binding stops: it is left uncommitted and delivered again");
			}
			@SuppressWarnings("unchecked")
			ConsumerRecord<byte[], byte[]> bytes = (ConsumerRecord<byte[], byte[]>) record;
			Throwable cause = cause(ex);
			if (publisher != null && deadLetterTopic != null) {
				publisher.accept(record, ex);
				handler.deadLettered(event(bytes), source(record), "dead-letter topic " + deadLetterTopic, cause);
			}
			else {
				handler.skipped(event(bytes), source(record), cause);
			}
		};
	}

	private static Throwable cause(Exception ex) {
		Throwable cause = ex;
		while ((cause instanceof ListenerExecutionFailedException || cause instanceof KafkaException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String source(ConsumerRecord<?, ?> record) {
		return "record topic " + record.topic() + ", partition " + record.partition() + ", offset " + record.offset();
	}

	/**
	 * The record as daprd's Kafka component hands it over: the value (a tombstone as the
	 * four bytes {@code null}) and the metadata {@code __offset}, {@code __topic},
	 * {@code __timestamp} (epoch milliseconds), {@code __partition}, {@code __key} (when
	 * the record has a key) and every record header (a later one of the same name wins),
	 * header values and {@code __key} URL-query-escaped with {@code escapeHeaders}.
	 */
	BindingEvent event(ConsumerRecord<byte[], byte[]> record) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("__offset", Long.toString(record.offset()));
		metadata.put("__topic", record.topic());
		metadata.put("__timestamp", Long.toString(record.timestamp()));
		metadata.put("__partition", Integer.toString(record.partition()));
		if (record.key() != null) {
			metadata.put("__key", escape(new String(record.key(), StandardCharsets.UTF_8)));
		}
		for (Header header : record.headers()) {
			if (this.excludeHeaderMetaRegex != null && this.excludeHeaderMetaRegex.matcher(header.key()).find()) {
				continue;
			}
			byte[] value = header.value();
			metadata.put(header.key(), escape((value != null) ? new String(value, StandardCharsets.UTF_8) : ""));
		}
		byte[] value = record.value();
		return new BindingEvent(this.name, (value != null) ? value : "null".getBytes(StandardCharsets.US_ASCII),
				metadata);
	}

	private String escape(String value) {
		return this.input.escapeHeaders() ? GoUrl.queryEscape(value) : value;
	}

	@Override
	public void pause() {
		ConcurrentMessageListenerContainer<byte[], byte[]> container = this.container;
		if (container != null) {
			container.pause();
		}
	}

	/**
	 * Whether the consumers of every partition stopped fetching after {@link #pause()}
	 * (pausing takes effect at the consumer's next poll).
	 * @return whether the container's consumers are paused
	 */
	boolean consumersPaused() {
		ConcurrentMessageListenerContainer<byte[], byte[]> container = this.container;
		return container != null && container.isContainerPaused();
	}

	@Override
	public void resume() {
		ConcurrentMessageListenerContainer<byte[], byte[]> container = this.container;
		if (container != null) {
			container.resume();
		}
	}

	@Override
	public void stop(Duration timeout) {
		ConcurrentMessageListenerContainer<byte[], byte[]> container;
		synchronized (this) {
			this.stopping = true;
			container = this.container;
		}
		if (container != null) {
			container.getContainerProperties().setShutdownTimeout(Math.max(timeout.toMillis(), 1));
			container.stop(true);
			if (this.inFlight.get() > 0) {
				logger.warn("Input binding '" + this.name + "': a delivery was still in flight after "
						+ timeout.toMillis() + " ms; its record is not committed and will be delivered again");
			}
		}
		if (this.deadLetterProducers != null) {
			this.deadLetterProducers.destroy();
		}
	}

}
