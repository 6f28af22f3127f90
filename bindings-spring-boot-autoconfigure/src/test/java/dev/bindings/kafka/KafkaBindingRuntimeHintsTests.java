package dev.bindings.kafka;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static dev.bindings.test.StarterRuntimeHints.hints;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaBindingRuntimeHints}, as {@code META-INF/spring/aot.factories}
 * contributes them: what Kafka's clients create from the class names of a binding's
 * producer configuration.
 */
class KafkaBindingRuntimeHintsTests {

	@Test
	void kafkaCreatesWhatTheBindingsProducerConfigurationNames() throws Exception {
		Map<String, Object> sasl = KafkaBindingMetadata
			.parse(Map.of("brokers", "localhost:9092", "publishTopic", "t", "authType", "password", "saslUsername",
					"user", "saslPassword", "secret", "saslMechanism", "SHA-512", "skipVerify", "true"), null)
			.producerProperties();
		Map<String, Object> plain = KafkaBindingMetadata
			.parse(Map.of("brokers", "localhost:9092", "publishTopic", "t", "authType", "password", "saslUsername",
					"user", "saslPassword", "secret"), null)
			.producerProperties();
		List<String> created = List.of(loginModule(sasl), loginModule(plain),
				((Class<?>) sasl.get(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG)).getName(),
				ByteArraySerializer.class.getName(), DaprPartitioner.class.getName(),
				"org.apache.kafka.common.security.ssl.DefaultSslEngineFactory",
				"org.apache.kafka.common.security.authenticator.DefaultLogin",
				"org.apache.kafka.common.security.authenticator.AbstractLogin$DefaultLoginCallbackHandler",
				"org.apache.kafka.common.security.authenticator.SaslClientCallbackHandler",
				"org.apache.kafka.common.security.scram.internals.ScramSaslClient$ScramSaslClientFactory");
		assertThat(created).contains("org.apache.kafka.common.security.scram.ScramLoginModule",
				"org.apache.kafka.common.security.plain.PlainLoginModule",
				"dev.bindings.kafka.SkipVerifySslEngineFactory");
		RuntimeHints hints = hints();
		for (String type : created) {
			Class<?> resolved = Class.forName(type);
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(resolved.getDeclaredConstructor()))
				.as(type)
				.accepts(hints);
		}
		// the metrics reporters every producer creates from their class names
		List<String> reporters = new ProducerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))
			.getList(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG);
		assertThat(reporters).isNotEmpty();
		for (String reporter : reporters) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onConstructorInvocation(Class.forName(reporter).getDeclaredConstructor())).as(reporter).accepts(hints);
		}
	}

	private static String loginModule(Map<String, Object> producerProperties) {
		String jaas = (String) producerProperties.get(SaslConfigs.SASL_JAAS_CONFIG);
		assertThat(jaas).isNotNull();
		return jaas.substring(0, jaas.indexOf(' '));
	}

}
