package dev.bindings.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A {@code bindings.kafka} component: operation {@code create} sends one record to the
 * component's {@code publishTopic} through a {@link KafkaTemplate} and completes when the
 * broker acknowledged it.
 * <ul>
 * <li>value: the data bytes; no data, or the JSON text {@code null}, is a tombstone (a
 * record with a null value), as in Dapr 1.15+;</li>
 * <li>key: request metadata {@code partitionKey}, else {@code __key} ({@code key} is only
 * a header);</li>
 * <li>headers: every request metadata entry, except keys matching
 * {@code excludeHeaderMetaRegex};</li>
 * <li>partition: request metadata {@code partitionNumber}, else for a keyed record the
 * one {@link DaprPartitioner} chooses (as Dapr does), else the producer's built-in
 * choice.</li>
 * </ul>
 * Every failure completes the returned future exceptionally, with the Kafka client's
 * exception (not Spring's wrapper) or an {@link IllegalArgumentException} for invalid
 * request metadata, whose message is Dapr's. Like any Kafka producer, {@link #invoke}
 * waits on the calling thread for the topic's metadata when the producer has none yet, at
 * most {@code max.block.ms} (5 s by default, {@code metadataTimeout} in the component).
 */
final class KafkaOutputBinding implements OutputBinding, AutoCloseable {

	private static final List<String> OPERATIONS = List.of("create");

	private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

	private final String topic;

	private final @Nullable Pattern excludeHeaderMetaRegex;

	private final KafkaTemplate<byte[], byte[]> template;

	private final DefaultKafkaProducerFactory<byte[], byte[]> producerFactory;

	/** How long a {@link #ping()} may take. */
	static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

	private @Nullable Admin admin;

	private final BrokerAvailability availability = new BrokerAvailability();

	private final Object producerLock = new Object();

	private boolean closed;

	/**
	 * Create a binding.
	 * @param metadata the component metadata
	 * @param producerFactory the component's producer factory (closed with the binding)
	 */
	KafkaOutputBinding(KafkaBindingMetadata metadata, DefaultKafkaProducerFactory<byte[], byte[]> producerFactory) {
		this.topic = metadata.publishTopic();
		this.excludeHeaderMetaRegex = metadata.excludeHeaderMetaRegex();
		this.producerFactory = producerFactory;
		this.template = new KafkaTemplate<>(producerFactory);
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		CompletableFuture<BindingResponse> result = new CompletableFuture<>();
		String outage = this.availability.check();
		if (outage != null) {
			result.completeExceptionally(new BrokerNotAvailableException(outage));
			return result;
		}
		try {
			this.template.send(record(request)).whenComplete((sendResult, failure) -> {
				if (failure != null) {
					Throwable cause = unwrap(failure);
					this.availability.failed(cause);
					result.completeExceptionally(cause);
				}
				else {
					this.availability.succeeded();
					result.complete(BindingResponse.noContent());
				}
			});
		}
		catch (RuntimeException ex) {
			// invalid metadata, or a send that failed before the record was queued
			// (broker
			// unreachable within max.block.ms, for example): a failed future, as for any
			// failure
			Throwable cause = unwrap(ex);
			this.availability.failed(cause);
			result.completeExceptionally(cause);
		}
		return result;
	}

	private ProducerRecord<byte[], byte[]> record(BindingRequest request) {
		Map<String, String> metadata = request.metadata();
		String key = metadata.get("partitionKey");
		if (key == null) {
			key = metadata.get("__key");
		}
		byte[] keyBytes = (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null;
		Integer partition = partition(metadata.get("partitionNumber"));
		if (partition == null && keyBytes != null) {
			// Dapr's placement of keys; a record without a key is left to the producer's
			// built-in partitioner (a custom partitioner would cost every new batch a
			// second
			// append, see docs/benchmarks.md)
			partition = DaprPartitioner.partition(keyBytes, this.template.partitionsFor(this.topic).size());
		}
		List<Header> headers = new ArrayList<>(metadata.size());
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			if (this.excludeHeaderMetaRegex == null || !this.excludeHeaderMetaRegex.matcher(entry.getKey()).find()) {
				headers.add(new RecordHeader(entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8)));
			}
		}
		byte[] data = request.data();
		byte[] value = (data == null || Arrays.equals(data, JSON_NULL)) ? null : data;
		return new ProducerRecord<>(this.topic, partition, null, keyBytes, value, headers);
	}

	/**
	 * The Kafka client's exception rather than the template's wrapper ("Send failed",
	 * "Failed to send"), so that the binding error names the actual problem.
	 */
	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof KafkaException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private @Nullable Integer partition(@Nullable String partitionNumber) {
		if (partitionNumber == null) {
			return null;
		}
		// Go's strconv.ParseInt(value, 10, 32): an optional sign and ASCII digits only
		if (!partitionNumber.matches("[+-]?[0-9]+")) {
			throw new IllegalArgumentException("invalid partitionNumber metadata value \"" + partitionNumber
					+ "\": strconv.ParseInt: parsing \"" + partitionNumber + "\": invalid syntax");
		}
		int partition;
		try {
			partition = Integer.parseInt(partitionNumber);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("invalid partitionNumber metadata value \"" + partitionNumber
					+ "\": strconv.ParseInt: parsing \"" + partitionNumber + "\": value out of range");
		}
		if (partition < 0) {
			throw new IllegalArgumentException("partitionNumber must be non-negative, got " + partition);
		}
		int partitions = this.template.partitionsFor(this.topic).size();
		if (partition >= partitions) {
			throw new IllegalArgumentException(
					"partition number " + partition + " is out of range, topic has " + partitions + " partitions");
		}
		return partition;
	}

	/**
	 * The topic records are sent to.
	 * @return the topic
	 */
	String getTopic() {
		return this.topic;
	}

	/**
	 * The template this binding sends with.
	 * @return the template
	 */
	KafkaTemplate<byte[], byte[]> getTemplate() {
		return this.template;
	}

	/**
	 * Build the component's producer now, if it has not been built yet (otherwise the
	 * first request does); does nothing once the binding is closed.
	 */
	void createProducer() {
		synchronized (this.producerLock) {
			if (!this.closed) {
				this.producerFactory.createProducer().close();
			}
		}
	}

	@Override
	public void close() {
		synchronized (this.producerLock) {
			// no producer is created after this
			this.closed = true;
		}
		this.producerFactory.destroy();
		synchronized (this) {
			if (this.admin != null) {
				this.admin.close(Duration.ofSeconds(1));
				this.admin = null;
			}
		}
	}

	/**
	 * Ask the cluster for its ID, within {@link #PING_TIMEOUT}, with the component's
	 * connection settings.
	 */
	@Override
	public CompletableFuture<Void> ping() {
		try {
			return admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) PING_TIMEOUT.toMillis()))
				.clusterId()
				.toCompletionStage()
				.toCompletableFuture()
				.thenApply((clusterId) -> {
					this.availability.succeeded();
					return null;
				});
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			Map<String, Object> properties = new HashMap<>();
			Set<String> adminConfigs = AdminClientConfig.configNames();
			this.producerFactory.getConfigurationProperties().forEach((key, value) -> {
				if (adminConfigs.contains(key)) {
					properties.put(key, value);
				}
			});
			properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "bindings-health-" + this.topic);
			properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PING_TIMEOUT.toMillis());
			properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PING_TIMEOUT.toMillis());
			this.admin = Admin.create(properties);
		}
		return this.admin;
	}

}
