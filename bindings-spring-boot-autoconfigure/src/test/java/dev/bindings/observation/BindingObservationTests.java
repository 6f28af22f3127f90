package dev.bindings.observation;

import java.util.List;
import java.util.Map;

import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import dev.bindings.registry.EchoBindingFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for the observation of invocations and daprd's metrics.
 */
class BindingObservationTests {

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final DefaultBindingClient client;

	BindingObservationTests() {
		this.observations.observationConfig()
			.observationHandler(new DaprBindingMetricsHandler(this.meters, "orders", "prod"));
		DefaultOutputBindingRegistry registry = new DefaultOutputBindingRegistry(
				List.of(EchoBindingFactory.component("echo")), List.of(new EchoBindingFactory()));
		this.client = new DefaultBindingClient(registry, JsonMapper.builder().build()::writeValueAsBytes,
				this.observations, null);
	}

	@Test
	void successfulInvocationIsObservedWithLowCardinalityTags() {
		this.client.invoke("echo", "get", "x");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasNameEqualTo("bindings.invocation")
			.hasContextualNameEqualTo("echo get")
			.hasLowCardinalityKeyValue("binding.name", "echo")
			.hasLowCardinalityKeyValue("binding.type", "bindings.test.echo")
			.hasLowCardinalityKeyValue("binding.operation", "get")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasBeenStopped();
	}

	@Test
	void failedInvocationIsObservedWithTheError() {
		catchThrowable(() -> this.client.invoke("echo", "fail", null));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "failure")
			.hasError();
	}

	@Test
	void unknownBindingsAndOperationsDoNotCreateNewTagValues() {
		for (int i = 0; i < 5; i++) {
			catchThrowable(() -> this.client.invoke("nope-" + Math.random(), "create", null));
			catchThrowable(() -> this.client.invoke("echo", "op-" + Math.random(), null));
		}
		assertThat(this.meters.find(DaprBindingMetricsHandler.COUNT).counters()).hasSize(2);
		assertThat(this.meters.get(DaprBindingMetricsHandler.COUNT).tag("component", "unknown").counter().count())
			.isEqualTo(5);
		assertThat(this.meters.get(DaprBindingMetricsHandler.COUNT)
			.tag("component", "echo")
			.tag("operation", "unsupported")
			.counter()
			.count()).isEqualTo(5);
	}

	@Test
	void daprMetricsCarryDaprTags() {
		this.client.invoke("echo", "create", null);
		catchThrowable(() -> this.client.invoke("echo", "fail", null));
		assertThat(this.meters.get(DaprBindingMetricsHandler.COUNT)
			.tags("app_id", "orders", "namespace", "prod", "component", "echo", "operation", "create", "success",
					"true")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.meters.get(DaprBindingMetricsHandler.COUNT)
			.tags("operation", "fail", "success", "false")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void requestMetadataIsNotChangedWithoutTracing() {
		assertThat(this.client.invoke("echo", "get", null, Map.of("k", "v")).metadata()).containsOnlyKeys("k");
	}

}
