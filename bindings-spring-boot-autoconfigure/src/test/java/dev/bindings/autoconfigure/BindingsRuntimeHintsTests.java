package dev.bindings.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.google.rpc.ErrorInfo;
import dev.bindings.grpc.proto.DaprBindingsProtos.GetMetadataResponse;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.RegisteredComponents;
import dev.bindings.grpc.proto.health.HealthCheckResponse;
import dev.bindings.kafka.DaprPartitioner;
import dev.bindings.kafka.KafkaBindingMetadata;
import dev.bindings.web.DaprErrorReportValve;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.postgresql.ssl.DefaultJavaSSLFactory;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the starter's runtime hints (what a native image needs beyond what the
 * compiler sees), as {@code META-INF/spring/aot.factories} contributes them.
 */
class BindingsRuntimeHintsTests {

	@Test
	void everyRegistrarOfTheStarterIsListedInAotFactories() {
		assertThat(registrars(getClass().getClassLoader())).extracting((registrar) -> registrar.getClass().getName())
			.containsExactlyInAnyOrder("dev.bindings.autoconfigure.BindingsRuntimeHints",
					"dev.bindings.grpc.DaprGrpcRuntimeHints", "dev.bindings.kafka.KafkaBindingRuntimeHints",
					"dev.bindings.mqtt3.Mqtt3RuntimeHints", "dev.bindings.mysql.MySqlRuntimeHints",
					"dev.bindings.postgresql.PostgreSqlRuntimeHints", "dev.bindings.web.DaprHttpApiRuntimeHints");
	}

	@Test
	void starterVersionResourceAndOptionalClassesCheckedAtRunTime() {
		RuntimeHints hints = hints();
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/dev-bindings.properties")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("org.springframework.web.filter.ServerHttpObservationFilter"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor")))
			.accepts(hints);
	}

	@Test
	void tomcatCreatesTheErrorReportValveByName() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(DaprErrorReportValve.class.getConstructor())).accepts(hints());
	}

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

	@Test
	void protobufReachesTheAccessorsOfTheApisMessagesByReflection() {
		RuntimeHints hints = hints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(InvokeBindingRequest.class, "getName"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(InvokeBindingRequest.Builder.class, "putMetadata")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(GetMetadataResponse.class, "getRegisteredComponentsList")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(RegisteredComponents.Builder.class, "addCapabilities")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(HealthCheckResponse.class, "getStatus"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(HealthCheckResponse.ServingStatus.class, "getValueDescriptor")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ErrorInfo.class, "getDefaultInstance"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder"))).accepts(hints);
	}

	@Test
	void jdbcDriversAndTheirSslFactoryAreCreatedByName() throws NoSuchMethodException {
		RuntimeHints hints = hints();
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(org.postgresql.Driver.class.getConstructor())).accepts(hints);
		// the SSL factory the TLS settings name in the driver's 'sslfactory' property
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(DefaultJavaSSLFactory.class.getConstructor(Properties.class))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(org.mariadb.jdbc.Driver.class.getConstructor())).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("mariadb.properties")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("driver.properties")).accepts(hints);
	}

	@Test
	void pahoLoadsItsLoggerCatalogAndNetworkModulesByName() throws Exception {
		RuntimeHints hints = hints();
		for (String type : List.of("org.eclipse.paho.client.mqttv3.logging.JSR47Logger",
				"org.eclipse.paho.client.mqttv3.internal.ResourceBundleCatalog",
				"org.eclipse.paho.client.mqttv3.internal.TCPNetworkModuleFactory",
				"org.eclipse.paho.client.mqttv3.internal.SSLNetworkModuleFactory")) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onConstructorInvocation(Class.forName(type).getDeclaredConstructor())).as(type).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forBundle("org.eclipse.paho.client.mqttv3.internal.nls.logcat"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forBundle("org.eclipse.paho.client.mqttv3.internal.nls.messages"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource()
			.forResource("META-INF/services/org.eclipse.paho.client.mqttv3.spi.NetworkModuleFactory")).accepts(hints);
	}

	@Test
	void librariesThatAreAbsentGetNoHints() {
		ClassLoader classLoader = new FilteredClassLoader("org.apache.kafka.", "org.eclipse.paho.", "io.grpc.",
				"org.mariadb.", "org.postgresql.", "org.apache.catalina.");
		RuntimeHints hints = new RuntimeHints();
		registrars(classLoader).forEach((registrar) -> registrar.registerHints(hints, classLoader));
		assertThat(hints.reflection().typeHints()).extracting((hint) -> hint.getType().getName())
			.noneMatch((name) -> name.startsWith("org.apache.kafka.") || name.startsWith("dev.bindings.kafka.")
					|| name.startsWith("org.eclipse.paho.") || name.startsWith("dev.bindings.grpc.")
					|| name.startsWith("org.mariadb.") || name.startsWith("org.postgresql.")
					|| name.startsWith("dev.bindings.web."));
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/dev-bindings.properties")).accepts(hints);
	}

	private static String loginModule(Map<String, Object> producerProperties) {
		String jaas = (String) producerProperties.get(SaslConfigs.SASL_JAAS_CONFIG);
		assertThat(jaas).isNotNull();
		return jaas.substring(0, jaas.indexOf(' '));
	}

	private static RuntimeHints hints() {
		ClassLoader classLoader = BindingsRuntimeHintsTests.class.getClassLoader();
		RuntimeHints hints = new RuntimeHints();
		registrars(classLoader).forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

	private static List<RuntimeHintsRegistrar> registrars(ClassLoader classLoader) {
		return SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories", classLoader)
			.load(RuntimeHintsRegistrar.class)
			.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("dev.bindings."))
			.toList();
	}

}
