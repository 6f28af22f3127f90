package dev.bindings.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.component.ComponentDefinition;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the producer properties of {@link KafkaOutputBindingFactory}: the starter's
 * defaults, then the application's properties, then the component's metadata. No broker
 * is needed: creating a producer does not connect.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaOutputBindingFactoryTests {

	@Test
	void typeIsBindingsKafka() {
		assertThat(factory(Map.of()).type()).isEqualTo("bindings.kafka");
	}

	@Test
	void defaultsSuitARequestResponsePath() {
		assertThat(properties(Map.of(), metadata())).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
			.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000L)
			.containsEntry(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000)
			.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
			.doesNotContainKey(ProducerConfig.PARTITIONER_CLASS_CONFIG)
			.containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
	}

	@Test
	void applicationPropertiesWinOverTheDefaults() {
		assertThat(properties(Map.of(ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000L),
				metadata()))
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20")
			.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000L);
	}

	@Test
	void metadataWinsOverApplicationProperties() {
		assertThat(properties(
				Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000L, ProducerConfig.ACKS_CONFIG, "all",
						CommonClientConfigs.CLIENT_ID_CONFIG, "app"),
				metadata("metadataTimeout", "2s", "producerRequiredAcks", "local", "clientId", "component")))
			.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000L)
			.containsEntry(ProducerConfig.ACKS_CONFIG, "1")
			.containsEntry(CommonClientConfigs.CLIENT_ID_CONFIG, "component");
	}

	@Test
	void metadataSecurityWinsOverTheApplicationsSecurity() {
		assertThat(properties(Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL"),
				metadata("authType", "password", "saslUsername", "u", "saslPassword", "p", "disableTls", "true")))
			.containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT")
			.containsKey(SaslConfigs.SASL_JAAS_CONFIG);
	}

	@Test
	void componentWithoutBrokersOrAuthTypeKeepsTheApplicationsBrokersAndSecurity() {
		KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(
				Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL"), List.of("app:9093"), List.of());
		Map<String, String> metadata = metadata();
		metadata.remove("brokers");
		metadata.remove("authType");
		assertThat(factory.producerProperties(KafkaBindingMetadata.parse(metadata, List.of("app:9093"))))
			.containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL")
			.containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "app:9093");
	}

	@Test
	void componentBrokersWinOverTheApplicationsBootstrapServers() {
		assertThat(properties(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, List.of("app:9092")),
				metadata("brokers", "own1:9092, own2:9092")))
			.containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "own1:9092,own2:9092");
	}

	@Test
	void partitionerIsAlwaysTheBuiltInOneKeyedRecordsArePlacedByTheBinding() {
		assertThat(properties(Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, "com.example.Other"), metadata()))
			.doesNotContainKey(ProducerConfig.PARTITIONER_CLASS_CONFIG);
	}

	@Test
	void transactionalIdOfTheApplicationIsNotUsed() {
		assertThat(properties(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-"), metadata()))
			.doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
	}

	@Test
	void acksOtherThanAllFromMetadataSwitchIdempotenceOff() {
		assertThat(properties(Map.of(), metadata("producerRequiredAcks", "none")))
			.containsEntry(ProducerConfig.ACKS_CONFIG, "0")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
	}

	@Test
	void acksOtherThanAllFromTheApplicationSwitchIdempotenceOff() {
		assertThat(properties(Map.of(ProducerConfig.ACKS_CONFIG, "1"), metadata()))
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
	}

	@Test
	void acksAllInAnyFormKeepsIdempotenceOn() {
		for (Object acks : List.of("all", "ALL", "-1", -1)) {
			assertThat(properties(Map.of(ProducerConfig.ACKS_CONFIG, acks), metadata())).as("acks %s", acks)
				.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		}
	}

	@Test
	void retriesOfZeroSwitchIdempotenceOff() {
		assertThat(properties(Map.of(), metadata("producerRetryMax", "0")))
			.containsEntry(ProducerConfig.RETRIES_CONFIG, 0)
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
	}

	@Test
	void retriesAboveZeroKeepIdempotenceOn() {
		assertThat(properties(Map.of(), metadata("producerRetryMax", "5")))
			.containsEntry(ProducerConfig.RETRIES_CONFIG, 5)
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
	}

	@Test
	void deliveryTimeoutGrowsWithALongerRequestTimeout() {
		assertThat(properties(Map.of(), metadata("readTimeout", "30s")))
			.containsEntry(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 30_000)
			.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
	}

	@Test
	void deliveryTimeoutCoversLingerPlusRequestTimeout() {
		assertThat(properties(Map.of(ProducerConfig.LINGER_MS_CONFIG, "250"), metadata("writeTimeout", "20")))
			.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_250);
	}

	@Test
	void deliveryTimeoutThatIsLongEnoughIsKept() {
		assertThat(
				properties(Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000), metadata("readTimeout", "30s")))
			.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
	}

	@Test
	void customizersSeeTheComponentNameAndTheProducerFactory() {
		List<String> names = new ArrayList<>();
		List<Object> producerFactories = new ArrayList<>();
		KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(Map.of(), null,
				List.of((name, producerFactory) -> {
					names.add(name);
					producerFactories.add(producerFactory);
				}));
		try (KafkaOutputBinding binding = (KafkaOutputBinding) factory.create(component(metadata()))) {
			assertThat(names).containsExactly("kafka-out");
			assertThat(producerFactories).containsExactly(binding.getTemplate().getProducerFactory());
		}
	}

	@Test
	void producerIsBuiltByCreateProducersNotByCreateAndNeverAfterClose() throws Exception {
		AtomicInteger producers = new AtomicInteger();
		KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(Map.of(), null,
				List.of((name, producerFactory) -> producerFactory.addListener(new ProducerFactory.Listener<>() {

					@Override
					public void producerAdded(String id, Producer<byte[], byte[]> producer) {
						producers.incrementAndGet();
					}

				})));
		KafkaOutputBinding binding = (KafkaOutputBinding) factory.create(component(metadata()));
		try {
			assertThat(producers).hasValue(0);
			factory.createProducers();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (producers.get() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(producers).hasValue(1);
			binding.createProducer();
			assertThat(producers).as("the producer is shared").hasValue(1);
		}
		finally {
			binding.close();
		}
		binding.createProducer();
		assertThat(producers).as("no producer after close").hasValue(1);
	}

	@Test
	void invalidMetadataFailsCreation() {
		Map<String, String> metadata = metadata();
		metadata.remove("brokers");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> factory(Map.of()).create(component(metadata)))
			.withMessage("kafka error: missing 'brokers' attribute");
	}

	@Test
	void producerConfigurationThatKafkaRefusesFailsCreationWithoutShowingThePassword() {
		KafkaOutputBindingFactory factory = factory(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "brotli"));
		ComponentDefinition component = component(
				metadata("authType", "password", "saslUsername", "user", "saslPassword", "very-secret-1"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> factory.create(component))
			.satisfies((ex) -> {
				assertThat(ex).hasStackTraceContaining("compression.type");
				assertThat(ex).satisfies((t) -> {
					for (Throwable cause = t; cause != null; cause = cause.getCause()) {
						assertThat(String.valueOf(cause.getMessage())).doesNotContain("very-secret-1");
					}
				});
			});
	}

	@Test
	void skipVerifyIsOneWarningSayingThatNoCertificateIsVerified(CapturedOutput output) {
		factory(Map.of()).create(component(metadata("authType", "password", "saslUsername", "user", "saslPassword",
				"very-secret-2", "skipVerify", "true")));
		String warning = "Kafka binding 'kafka-out': skipVerify is set, so the brokers' TLS certificates are not "
				+ "verified at all: any certificate is accepted, whoever issued it and whatever host it names "
				+ "(the host name check is off, and so is the certificate chain check).";
		assertThat(output.getOut()).containsOnlyOnce(warning).doesNotContain("very-secret-2");
		assertThat(output.getOut()).doesNotContain("without TLS");
	}

	@Test
	void skipVerifyWithoutTlsSaysNothingAboutCertificates(CapturedOutput output) {
		factory(Map.of()).create(component(metadata("skipVerify", "true")));
		assertThat(output.getOut()).doesNotContain("skipVerify");
	}

	@Test
	void saslPlainWithoutTlsIsOneWarning(CapturedOutput output) {
		factory(Map.of()).create(component(metadata("authType", "password", "saslUsername", "user", "saslPassword",
				"very-secret-3", "disableTls", "true")));
		assertThat(output.getOut())
			.containsOnlyOnce("Kafka binding 'kafka-out': SASL PLAIN credentials go to the "
					+ "brokers over a connection without TLS (security.protocol SASL_PLAINTEXT")
			.contains("can read the user name and password and every record")
			.doesNotContain("very-secret-3")
			.doesNotContain("user name, and");
	}

	@Test
	void saslScramWithoutTlsIsOneWarning(CapturedOutput output) {
		factory(Map.of()).create(component(metadata("authType", "password", "saslUsername", "user", "saslPassword",
				"very-secret-4", "saslMechanism", "SHA-512", "disableTls", "true")));
		assertThat(output.getOut())
			.containsOnlyOnce("Kafka binding 'kafka-out': SASL SCRAM-SHA-512 credentials go to the brokers over a "
					+ "connection without TLS")
			.doesNotContain("very-secret-4");
	}

	@Test
	void saslFromTheApplicationWithoutTlsIsAWarningToo(CapturedOutput output) {
		KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(
				Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM,
						"PLAIN", SaslConfigs.SASL_JAAS_CONFIG,
						"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" "
								+ "password=\"very-secret-5\";"),
				List.of("app:9093"), List.of());
		Map<String, String> metadata = metadata();
		metadata.remove("brokers");
		metadata.remove("authType");
		factory.create(component(metadata));
		assertThat(output.getOut())
			.containsOnlyOnce("SASL PLAIN credentials go to the brokers over a connection " + "without TLS")
			.doesNotContain("very-secret-5");
	}

	@Test
	void saslOverTlsAndPlaintextWithoutSaslAreNotWarnedAbout(CapturedOutput output) {
		factory(Map.of()).create(
				component(metadata("authType", "password", "saslUsername", "user", "saslPassword", "very-secret-6")));
		factory(Map.of()).create(component(metadata()));
		assertThat(output.getOut()).doesNotContain("Kafka binding 'kafka-out'");
	}

	private static KafkaOutputBindingFactory factory(Map<String, Object> applicationProperties) {
		return new KafkaOutputBindingFactory(applicationProperties, null, List.of());
	}

	private static Map<String, Object> properties(Map<String, Object> applicationProperties,
			Map<String, String> metadata) {
		return factory(applicationProperties).producerProperties(KafkaBindingMetadata.parse(metadata, null));
	}

	private static Map<String, String> metadata(String... keyValues) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("brokers", "localhost:9092");
		metadata.put("publishTopic", "orders");
		metadata.put("authType", "none");
		for (int i = 0; i < keyValues.length; i += 2) {
			metadata.put(keyValues[i], keyValues[i + 1]);
		}
		return metadata;
	}

	private static ComponentDefinition component(Map<String, String> metadata) {
		return new ComponentDefinition("kafka-out", "bindings.kafka", "v1", metadata, List.of(), false, null, "test");
	}

}
