package dev.bindings.autoconfigure;

import java.util.List;
import java.util.Properties;

import com.google.rpc.ErrorInfo;
import dev.bindings.grpc.proto.DaprBindingsProtos.GetMetadataResponse;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.RegisteredComponents;
import dev.bindings.grpc.proto.health.HealthCheckResponse;
import dev.bindings.web.DaprErrorReportValve;
import org.junit.jupiter.api.Test;
import org.postgresql.ssl.DefaultJavaSSLFactory;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;

import static dev.bindings.test.StarterRuntimeHints.hints;
import static dev.bindings.test.StarterRuntimeHints.registrars;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the starter's runtime hints (what a native image needs beyond what the
 * compiler sees), as {@code META-INF/spring/aot.factories} contributes them; what Kafka's
 * clients create by name is checked beside the Kafka binding's metadata, in
 * {@code KafkaBindingRuntimeHintsTests}.
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

}
