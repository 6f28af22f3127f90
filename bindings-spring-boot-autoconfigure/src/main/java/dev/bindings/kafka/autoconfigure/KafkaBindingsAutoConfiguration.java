package dev.bindings.kafka.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.BindingsProperties;
import dev.bindings.kafka.KafkaBindingProducerFactoryCustomizer;
import dev.bindings.kafka.KafkaInputBindingFactory;
import dev.bindings.kafka.KafkaOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration of the {@code bindings.kafka} binding type: the output side on
 * spring-kafka's {@link KafkaTemplate}, the input side on its listener containers.
 * <p>
 * Spring Boot's Kafka configuration ({@code spring.kafka.*},
 * {@code spring.kafka.producer.*}, and a {@link KafkaConnectionDetails} bean such as a
 * {@code @ServiceConnection}) provides the defaults of every Kafka binding; a key set in
 * a component's metadata wins ({@code spring.kafka.consumer.*} for the input side). The
 * bootstrap servers serve as a default only when the application configured them
 * explicitly (the {@code spring.kafka.bootstrap-servers} property or a connection details
 * bean of its own); otherwise a component must name its {@code brokers}, as in Dapr.
 * <p>
 * Without spring-kafka or spring-boot-kafka, a {@code bindings.kafka} component fails
 * startup naming the starter to add,
 * {@code org.springframework.boot:spring-boot-starter-kafka}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class,
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BindingsProperties.class)
public final class KafkaBindingsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ KafkaTemplate.class, KafkaProperties.class })
	static class OutputBindingFactoryConfiguration {

		private static final String PROPERTIES_CONNECTION_DETAILS = "org.springframework.boot.kafka.autoconfigure.PropertiesKafkaConnectionDetails";

		@Bean
		@ConditionalOnMissingBean
		KafkaOutputBindingFactory kafkaOutputBindingFactory(ObjectProvider<KafkaProperties> kafkaProperties,
				ObjectProvider<KafkaConnectionDetails> connectionDetails,
				ObjectProvider<KafkaBindingProducerFactoryCustomizer> customizers, Environment environment,
				BindingsProperties bindings) {
			Map<String, Object> properties = new LinkedHashMap<>();
			KafkaProperties kafka = kafkaProperties.getIfAvailable();
			if (kafka != null) {
				properties.putAll(kafka.buildProducerProperties());
			}
			List<String> defaultBrokers = null;
			KafkaConnectionDetails details = connectionDetails.getIfAvailable();
			boolean explicitProperties = environment.containsProperty("spring.kafka.bootstrap-servers")
					|| environment.containsProperty("spring.kafka.producer.bootstrap-servers");
			if (details != null) {
				KafkaConnectionDetails.Configuration producer = details.getProducer();
				if (explicitProperties || !PROPERTIES_CONNECTION_DETAILS.equals(details.getClass().getName())) {
					defaultBrokers = producer.getBootstrapServers();
				}
				String securityProtocol = producer.getSecurityProtocol();
				if (securityProtocol != null) {
					properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
				}
			}
			else if (explicitProperties && kafka != null) {
				defaultBrokers = brokers(kafka);
			}
			properties.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
			KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(properties, defaultBrokers,
					customizers.orderedStream().toList());
			factory.setBrokersOverride(bindings.getKafka().getBrokersOverride());
			return factory;
		}

		@Bean
		@ConditionalOnMissingBean
		KafkaInputBindingFactory kafkaInputBindingFactory(ObjectProvider<KafkaProperties> kafkaProperties,
				ObjectProvider<KafkaConnectionDetails> connectionDetails, Environment environment,
				BindingsProperties bindings, KafkaOutputBindingFactory producers) {
			Map<String, Object> properties = new LinkedHashMap<>();
			KafkaProperties kafka = kafkaProperties.getIfAvailable();
			if (kafka != null) {
				properties.putAll(kafka.buildConsumerProperties());
			}
			List<String> defaultBrokers = null;
			KafkaConnectionDetails details = connectionDetails.getIfAvailable();
			boolean explicitProperties = environment.containsProperty("spring.kafka.bootstrap-servers")
					|| environment.containsProperty("spring.kafka.consumer.bootstrap-servers");
			if (details != null) {
				KafkaConnectionDetails.Configuration consumer = details.getConsumer();
				if (explicitProperties || !PROPERTIES_CONNECTION_DETAILS.equals(details.getClass().getName())) {
					defaultBrokers = consumer.getBootstrapServers();
				}
				String securityProtocol = consumer.getSecurityProtocol();
				if (securityProtocol != null) {
					properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
				}
			}
			else if (explicitProperties && kafka != null) {
				List<String> servers = kafka.getConsumer().getBootstrapServers();
				defaultBrokers = (servers != null) ? servers : kafka.getBootstrapServers();
			}
			properties.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
			KafkaInputBindingFactory factory = new KafkaInputBindingFactory(properties, defaultBrokers, producers);
			factory.setBrokersOverride(bindings.getKafka().getBrokersOverride());
			return factory;
		}

		/**
		 * Build the Kafka producers once the application is ready rather than during
		 * startup.
		 * @param factory the factory of the Kafka bindings
		 * @return the listener
		 */
		@Bean
		static ApplicationListener<ApplicationReadyEvent> kafkaBindingProducers(
				ObjectProvider<KafkaOutputBindingFactory> factory) {
			return (event) -> factory.ifAvailable(KafkaOutputBindingFactory::createProducers);
		}

		private static @Nullable List<String> brokers(KafkaProperties kafka) {
			List<String> servers = kafka.getProducer().getBootstrapServers();
			return (servers != null) ? servers : kafka.getBootstrapServers();
		}

	}

	/**
	 * Names the starter to add when the client library is missing; refers to none of its
	 * classes.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(ClientLibraryMissingCondition.class)
	static class ClientLibraryMissingConfiguration {

		@Bean
		UnavailableBindingType kafkaUnavailableBindingType() {
			return new UnavailableBindingType("bindings.kafka",
					"org.springframework.boot:spring-boot-starter-kafka (or spring-kafka and spring-boot-kafka)");
		}

	}

	/**
	 * Matches when any of the classes the binding factory needs is missing.
	 */
	static final class ClientLibraryMissingCondition extends NoneNestedConditions {

		ClientLibraryMissingCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(name = { "org.springframework.kafka.core.KafkaTemplate",
				"org.springframework.boot.kafka.autoconfigure.KafkaProperties" })
		static final class ClientLibraryPresent {

		}

	}

}
