package dev.bindings.actuate;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.autoconfigure.BindingsActuatorAutoConfiguration;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.kafka.autoconfigure.KafkaBindingsAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the health contributor, the {@code bindings} endpoint and startup with a
 * broker that is down.
 */
class BindingsActuatorTests {

	private static EmbeddedKafkaKraftBroker broker;

	private static int closedPort;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, KafkaBindingsAutoConfiguration.class,
				KafkaAutoConfiguration.class, JacksonAutoConfiguration.class, BindingsActuatorAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=", "bindings.components.up.type=bindings.kafka",
				"bindings.components.up.metadata.brokers=" + broker.getBrokersAsString(),
				"bindings.components.up.metadata.publishTopic=health",
				"bindings.components.up.metadata.saslPassword=do-not-show",
				"bindings.components.down.type=bindings.kafka",
				"bindings.components.down.metadata.brokers=127.0.0.1:" + closedPort,
				"bindings.components.down.metadata.publishTopic=health");

	@BeforeAll
	static void startBroker() throws Exception {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "health");
		broker.afterPropertiesSet();
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
		System.clearProperty("spring.embedded.kafka.brokers");
		System.clearProperty("spring.kafka.bootstrap-servers");
	}

	@Test
	void healthContributorIsOptIn() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(BindingsHealthContributor.class));
	}

	@Test
	void healthIsUpForAReachableBrokerAndDownForAnUnreachableOne() {
		this.contextRunner.withPropertyValues("management.health.bindings.enabled=true").run((context) -> {
			BindingsHealthContributor health = context.getBean(BindingsHealthContributor.class);
			assertThat(((HealthIndicator) health.getContributor("up")).health().getStatus()).isEqualTo(Status.UP);
			assertThat(((HealthIndicator) health.getContributor("down")).health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.stream()).hasSize(2);
		});
	}

	@Test
	void endpointListsBindingsWithoutMetadataValues() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=bindings").run((context) -> {
			BindingsEndpoint.BindingsDescriptor descriptor = context.getBean(BindingsEndpoint.class).bindings();
			assertThat(descriptor.bindings()).extracting(BindingsEndpoint.BindingDescriptor::name)
				.containsExactly("up", "down");
			assertThat(descriptor.bindings().get(0).operations()).containsExactly("create");
			assertThat(descriptor.bindings().get(0).metadataKeys()).contains("saslPassword");
			assertThat(descriptor.toString()).doesNotContain("do-not-show");
		});
	}

	@Test
	void appStartsWhenABrokerIsDownAndRequestsToItFailWithinSeconds() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			BindingClient client = context.getBean(BindingClient.class);
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> client.invokeAsync("down", "create", "x", Map.of()).get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(BindingException.class)
				.withMessageStartingWith("error invoking output binding down: ");
		});
	}

}
