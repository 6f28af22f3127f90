package dev.bindings.kafka;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * The classes that the Kafka client creates by name for {@code bindings.kafka}'s
 * producers, for a native image: the serializer, the SSL engine factory of
 * {@code skipVerify} ({@link SkipVerifySslEngineFactory}) and Kafka's default one, the
 * SASL login modules named in {@code sasl.jaas.config} and what Kafka's SASL login
 * creates with them, the SCRAM client factory (a security provider's service), the
 * default metrics reporter, and {@link DaprPartitioner} for applications that name it in
 * {@code partitioner.class}.
 */
final class KafkaBindingRuntimeHints implements RuntimeHintsRegistrar {

	static final List<String> CREATED_BY_NAME = List.of("dev.bindings.kafka.SkipVerifySslEngineFactory",
			"dev.bindings.kafka.DaprPartitioner", "org.apache.kafka.common.serialization.ByteArraySerializer",
			"org.apache.kafka.common.security.ssl.DefaultSslEngineFactory",
			"org.apache.kafka.common.security.plain.PlainLoginModule",
			"org.apache.kafka.common.security.scram.ScramLoginModule",
			"org.apache.kafka.common.security.scram.internals.ScramSaslClient$ScramSaslClientFactory",
			"org.apache.kafka.common.security.authenticator.DefaultLogin",
			"org.apache.kafka.common.security.authenticator.AbstractLogin$DefaultLoginCallbackHandler",
			"org.apache.kafka.common.security.authenticator.SaslClientCallbackHandler",
			"org.apache.kafka.common.metrics.JmxReporter");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent("org.apache.kafka.clients.producer.KafkaProducer", classLoader)) {
			return;
		}
		for (String type : CREATED_BY_NAME) {
			hints.reflection().registerTypeIfPresent(classLoader, type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
	}

}
