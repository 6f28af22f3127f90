package dev.bindings.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bindings.InputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.InputBindingFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Creates the input side of {@code bindings.kafka} components: one spring-kafka listener
 * container per component, started when the application is ready.
 * <p>
 * Consumer properties are layered like the producer's, later layers winning: daprd's
 * defaults ({@code initialOffset: newest}, {@code heartbeatInterval} 3 s,
 * {@code sessionTimeout} 10 s), then the application's consumer properties (Spring Boot's
 * {@code spring.kafka.consumer.*}), then the component's metadata (brokers, the security
 * settings the output side also uses, {@code consumerGroup}, {@code initialOffset}, ...).
 * Offsets are committed by the container, never automatically; the group is always the
 * component's.
 * <p>
 * A component without {@code direction} has an input side when it has {@code topics}.
 */
public class KafkaInputBindingFactory implements InputBindingFactory {

	/** daprd's consumer defaults for the binding. */
	static final Map<String, Object> DEFAULTS = Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
			ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);

	private final Map<String, Object> applicationProperties;

	private final @Nullable List<String> defaultBrokers;

	private final KafkaOutputBindingFactory producers;

	private @Nullable List<String> brokersOverride;

	/**
	 * Create a factory.
	 * @param applicationProperties the application's consumer properties (may be empty)
	 * @param defaultBrokers brokers for components that name none, when the application
	 * configured Kafka explicitly; otherwise {@code null} and {@code brokers} is required
	 * @param producers the output side's factory, whose producer properties serve the
	 * dead-letter topic's producer
	 */
	public KafkaInputBindingFactory(Map<String, Object> applicationProperties, @Nullable List<String> defaultBrokers,
			KafkaOutputBindingFactory producers) {
		this.applicationProperties = Map.copyOf(applicationProperties);
		this.defaultBrokers = defaultBrokers;
		this.producers = producers;
	}

	/**
	 * Use these brokers for every component instead of its own {@code brokers}.
	 * @param brokersOverride the brokers, or {@code null} for none
	 */
	public void setBrokersOverride(@Nullable List<String> brokersOverride) {
		this.brokersOverride = (brokersOverride != null && !brokersOverride.isEmpty()) ? List.copyOf(brokersOverride)
				: null;
	}

	@Override
	public String type() {
		return "bindings.kafka";
	}

	@Override
	public boolean impliesInput(ComponentDefinition component) {
		return !KafkaInputMetadata.topics(component.metadata()).isEmpty();
	}

	@Override
	public InputBinding create(ComponentDefinition component) {
		KafkaBindingMetadata client = KafkaBindingMetadata.parse(component.metadata(), this.defaultBrokers, false);
		KafkaInputMetadata input = KafkaInputMetadata.parse(component.metadata());
		Map<String, Object> properties = consumerProperties(client, input);
		Map<String, Object> check = new HashMap<>(properties);
		check.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		check.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		ConsumerConfig.configDef().parse(check); // as the consumer will, without logging
		DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(properties,
				ByteArrayDeserializer::new, ByteArrayDeserializer::new);
		consumers.setBeanName("bindings." + component.name());
		DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducers = null;
		if (input.deadLetterTopic() != null) {
			Map<String, Object> producerProperties = this.producers.producerProperties(client);
			if (this.brokersOverride != null) {
				producerProperties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
						String.join(",", this.brokersOverride));
			}
			Map<String, Object> producerCheck = new HashMap<>(producerProperties);
			producerCheck.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
			producerCheck.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
			ProducerConfig.configDef().parse(producerCheck);
			deadLetterProducers = new DefaultKafkaProducerFactory<>(producerProperties, ByteArraySerializer::new,
					ByteArraySerializer::new);
			deadLetterProducers.setBeanName("bindings." + component.name() + ".dead-letter");
		}
		return new KafkaInputBinding(component.name(), input, client.excludeHeaderMetaRegex(), consumers,
				deadLetterProducers);
	}

	/**
	 * The effective consumer properties of a component.
	 * @param client the component's client metadata
	 * @param input the component's input metadata
	 * @return the consumer properties
	 */
	Map<String, Object> consumerProperties(KafkaBindingMetadata client, KafkaInputMetadata input) {
		Map<String, Object> properties = new LinkedHashMap<>(DEFAULTS);
		properties.putAll(this.applicationProperties);
		client.producerProperties().forEach((key, value) -> {
			// the connection and security settings; producer-only ones (acks, ...) do not
			// apply
			if (ConsumerConfig.configNames().contains(key)) {
				properties.put(key, value);
			}
		});
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				String.join(",", (this.brokersOverride != null) ? this.brokersOverride : client.brokers()));
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, input.consumerGroup());
		String autoOffsetReset = input.autoOffsetReset();
		if (autoOffsetReset != null) {
			properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
		}
		Duration heartbeat = input.heartbeatInterval();
		if (heartbeat != null) {
			properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
					(int) Math.min(heartbeat.toMillis(), Integer.MAX_VALUE));
		}
		Duration session = input.sessionTimeout();
		if (session != null) {
			properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
					(int) Math.min(session.toMillis(), Integer.MAX_VALUE));
		}
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		properties.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		return properties;
	}

}
