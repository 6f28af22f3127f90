package dev.bindings.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Creates {@code bindings.kafka} bindings: one producer factory, producer and
 * {@code KafkaTemplate} per component, created at startup.
 * <p>
 * Producer properties are layered, later layers winning: this starter's defaults
 * ({@link #DEFAULTS}), then the application's Kafka properties (Spring Boot's
 * {@code spring.kafka.*} and {@code KafkaConnectionDetails}), then the component's
 * metadata. Acknowledgement by all in-sync replicas and idempotence stay on unless a
 * layer changes acks (or sets retries to 0, which the idempotent producer refuses).
 */
public class KafkaOutputBindingFactory implements OutputBindingFactory {

	private static final Log logger = LogFactory.getLog(KafkaOutputBindingFactory.class);

	/**
	 * The starter's producer defaults, chosen for a request/response path: acks from all
	 * in-sync replicas, idempotence (a retried send never duplicates a record), no linger
	 * (a lone request is sent at once; records still batch under load), and bounds so an
	 * unreachable broker fails a request within seconds rather than after Kafka's 60 s.
	 */
	public static final Map<String, Object> DEFAULTS = Map.of(ProducerConfig.ACKS_CONFIG, "all",
			ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0,
			ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000L, CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
			ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);

	private final Map<String, Object> applicationProperties;

	private final @Nullable List<String> defaultBrokers;

	private final List<KafkaBindingProducerFactoryCustomizer> customizers;

	private @Nullable List<String> brokersOverride;

	private final List<KafkaOutputBinding> created = new CopyOnWriteArrayList<>();

	/**
	 * Use these brokers for every component instead of its own {@code brokers}, for
	 * example to point an app's unchanged component files at a test broker.
	 * @param brokersOverride the brokers, or {@code null} for none
	 */
	public void setBrokersOverride(@Nullable List<String> brokersOverride) {
		this.brokersOverride = (brokersOverride != null && !brokersOverride.isEmpty()) ? List.copyOf(brokersOverride)
				: null;
	}

	/**
	 * Create a factory.
	 * @param applicationProperties the application's producer properties (may be empty)
	 * @param defaultBrokers brokers for components that name none, when the application
	 * configured Kafka explicitly; otherwise {@code null} and {@code brokers} is required
	 * @param customizers customizers applied to every component's producer factory
	 */
	public KafkaOutputBindingFactory(Map<String, Object> applicationProperties, @Nullable List<String> defaultBrokers,
			List<KafkaBindingProducerFactoryCustomizer> customizers) {
		this.applicationProperties = Map.copyOf(applicationProperties);
		this.defaultBrokers = defaultBrokers;
		this.customizers = List.copyOf(customizers);
	}

	@Override
	public String type() {
		return "bindings.kafka";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		KafkaBindingMetadata metadata = KafkaBindingMetadata.parse(component.metadata(), this.defaultBrokers);
		Map<String, Object> properties = producerProperties(metadata);
		DefaultKafkaProducerFactory<byte[], byte[]> producerFactory = new DefaultKafkaProducerFactory<>(properties,
				ByteArraySerializer::new, ByteArraySerializer::new);
		producerFactory.setBeanName("bindings." + component.name());
		for (KafkaBindingProducerFactoryCustomizer customizer : this.customizers) {
			customizer.customize(component.name(), producerFactory);
		}
		// configuration errors (names, types, values) stop startup; the producer itself
		// (a few
		// hundred milliseconds of Kafka client setup) is built by createProducers(), once
		// the
		// application is ready, or by the first request, whichever comes first
		Map<String, Object> check = new HashMap<>(producerFactory.getConfigurationProperties());
		check.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		check.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		ProducerConfig.configDef().parse(check); // as the producer will, without logging
													// the values
		warnAboutSecurity(component.name(), check);
		KafkaOutputBinding binding = new KafkaOutputBinding(metadata, producerFactory);
		this.created.add(binding);
		return binding;
	}

	/**
	 * One warning per weakness of a component's effective settings: {@code skipVerify}
	 * (no certificate is verified at all), and SASL credentials sent without TLS. The
	 * warnings name settings, never their values.
	 */
	private static void warnAboutSecurity(String name, Map<String, Object> properties) {
		String protocol = String.valueOf(properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG))
			.toUpperCase(Locale.ROOT);
		Object engineFactory = properties.get(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG);
		boolean skipVerify = engineFactory == SkipVerifySslEngineFactory.class
				|| SkipVerifySslEngineFactory.class.getName().equals(String.valueOf(engineFactory));
		if (skipVerify && protocol.endsWith("SSL")) {
			logger.warn("Kafka binding '" + name + "': skipVerify is set, so the brokers' TLS certificates are not "
					+ "verified at all: any certificate is accepted, whoever issued it and whatever host it names "
					+ "(the host name check is off, and so is the certificate chain check). The connection is "
					+ "encrypted, but anyone on the network path can pose as a broker. To trust a private CA, set "
					+ "caCert instead.");
		}
		if (protocol.equals("SASL_PLAINTEXT")) {
			Object configured = properties.get(SaslConfigs.SASL_MECHANISM);
			String mechanism = (configured != null) ? configured.toString() : SaslConfigs.DEFAULT_SASL_MECHANISM;
			String exposed = mechanism.equals("PLAIN") ? "the user name and password"
					: mechanism.startsWith("SCRAM-")
							? "the user name, and enough of the SCRAM exchange to guess the password offline,"
							: "the SASL exchange";
			logger.warn("Kafka binding '" + name + "': SASL " + mechanism + " credentials go to the brokers over a "
					+ "connection without TLS (security.protocol SASL_PLAINTEXT, for example from disableTls: "
					+ "true): anyone on the network path can read " + exposed + " and every record.");
		}
	}

	/**
	 * Build the producers of the bindings this factory created, on a background thread
	 * (the auto-configuration calls this when the application is ready). A producer that
	 * cannot be built is logged here and reported to each request.
	 */
	public void createProducers() {
		List<KafkaOutputBinding> bindings = List.copyOf(this.created);
		if (bindings.isEmpty()) {
			return;
		}
		Thread thread = new Thread(() -> {
			for (KafkaOutputBinding binding : bindings) {
				try {
					binding.createProducer();
				}
				catch (RuntimeException ex) {
					logger.error("Kafka binding for topic '" + binding.getTopic()
							+ "': the producer cannot be created: " + ex.getMessage(), ex);
				}
			}
		}, "bindings-kafka-producers");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * The effective producer properties of a component.
	 * @param metadata the component metadata
	 * @return the producer properties
	 */
	Map<String, Object> producerProperties(KafkaBindingMetadata metadata) {
		Map<String, Object> properties = new LinkedHashMap<>(DEFAULTS);
		properties.putAll(this.applicationProperties);
		properties.putAll(metadata.producerProperties());
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				String.join(",", (this.brokersOverride != null) ? this.brokersOverride : metadata.brokers()));
		// keyed records get Dapr's partition from the binding; the rest the built-in
		// partitioner
		properties.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
		properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		// the idempotent producer needs acks=all and retries; Dapr allows other acks and
		// producerRetryMax: 0, so idempotence gives way rather than failing the component
		String acks = String.valueOf(properties.get(ProducerConfig.ACKS_CONFIG)).trim();
		Object retries = properties.get(ProducerConfig.RETRIES_CONFIG);
		if ((!acks.equalsIgnoreCase("all") && !acks.equals("-1")) || (retries != null && asLong(retries) == 0)) {
			properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		}
		long minimumDelivery = asLong(properties.get(ProducerConfig.LINGER_MS_CONFIG))
				+ asLong(properties.get(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG));
		if (asLong(properties.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) < minimumDelivery) {
			properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
					(int) Math.min(minimumDelivery, Integer.MAX_VALUE));
		}
		return properties;
	}

	private static long asLong(@Nullable Object value) {
		return (value != null) ? Long.parseLong(value.toString().trim()) : 0;
	}

}
