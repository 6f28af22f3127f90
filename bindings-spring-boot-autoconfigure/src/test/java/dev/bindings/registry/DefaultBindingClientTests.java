package dev.bindings.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.bindings.BindingException;
import dev.bindings.BindingNotFoundException;
import dev.bindings.BindingResponse;
import dev.bindings.UnsupportedOperationBindingException;
import dev.bindings.test.Bindings;
import dev.bindings.test.TestBindingFactory;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DefaultBindingClient}.
 */
class DefaultBindingClientTests {

	private final DefaultOutputBindingRegistry registry = new DefaultOutputBindingRegistry(
			List.of(EchoBindingFactory.component("echo")), List.of(new EchoBindingFactory()));

	private final DefaultBindingClient client = new DefaultBindingClient(this.registry,
			JsonMapper.builder().build()::writeValueAsBytes);

	@Test
	void cancellingTheFutureCancelsTheBindingsCall() {
		TestBindingFactory slow = TestBindingFactory.counting();
		DefaultOutputBindingRegistry registry = new DefaultOutputBindingRegistry(
				List.of(Bindings.component("held", "bindings.test.counting", Map.of("hold", "true"))), List.of(slow));
		for (ObservationRegistry observations : List.of(ObservationRegistry.NOOP, ObservationRegistry.create())) {
			DefaultBindingClient client = new DefaultBindingClient(registry,
					JsonMapper.builder().build()::writeValueAsBytes, observations, null);
			int cancelled = slow.cancelled();
			CompletableFuture<BindingResponse> call = client.invokeAsync("held", "create", null, Map.of());
			assertThat(slow.held()).isEqualTo(1);
			call.cancel(false);
			assertThat(slow.cancelled()).isEqualTo(cancelled + 1);
			assertThat(slow.held()).isZero();
		}
		registry.destroy();
	}

	@Test
	void missingOperationFailsWithDaprMessage() {
		assertThatExceptionOfType(UnsupportedOperationBindingException.class)
			.isThrownBy(() -> this.client.invoke("echo", "", null))
			.withMessage("error invoking output binding echo: operation field is missing from request");
	}

	@Test
	void unknownBindingFailsWithDaprMessage() {
		assertThatExceptionOfType(BindingNotFoundException.class)
			.isThrownBy(() -> this.client.invoke("nope", "create", null))
			.withMessage("error invoking output binding nope: couldn't find output binding nope");
	}

	@Test
	void unsupportedOperationFailsWithDaprMessageListingOperations() {
		assertThatExceptionOfType(UnsupportedOperationBindingException.class)
			.isThrownBy(() -> this.client.invoke("echo", "delete", null))
			.withMessage("error invoking output binding echo: binding echo does not support operation delete. "
					+ "supported operations:create get fail reject");
	}

	@Test
	void operationIsCaseSensitive() {
		assertThatExceptionOfType(UnsupportedOperationBindingException.class)
			.isThrownBy(() -> this.client.invoke("echo", "GET", null));
	}

	@Test
	void bindingFailureIsReportedWithItsReason() {
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> this.client.invoke("echo", "fail", null))
			.withMessage("error invoking output binding echo: the echo failed")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the echo failed"));
	}

	@Test
	void asyncVariantCompletesExceptionallyInsteadOfThrowing() {
		assertThat(this.client.invokeAsync("nope", "create", null, Map.of())).isCompletedExceptionally();
	}

	@Test
	void objectIsSerializedAsJson() {
		BindingResponse response = this.client.invoke("echo", "get", Map.of("message", "Hi!"));
		assertThat(response.dataAsString()).isEqualTo("{\"message\":\"Hi!\"}");
	}

	@Test
	void stringIsSerializedAsQuotedJsonString() {
		assertThat(this.client.invoke("echo", "get", "hello").dataAsString()).isEqualTo("\"hello\"");
	}

	@Test
	void bytesPassThroughUnchanged() {
		byte[] bytes = { 0, (byte) 0xff, 'x' };
		assertThat(this.client.invoke("echo", "get", bytes).data()).isEqualTo(bytes);
	}

	@Test
	void nullDataMeansNoData() {
		assertThat(this.client.invoke("echo", "get", null).data()).isEmpty();
	}

	@Test
	void metadataReachesTheBindingAndResponseMetadataComesBack() {
		BindingResponse response = this.client.invoke("echo", "get", "x".getBytes(StandardCharsets.UTF_8),
				Map.of("k", "v"));
		assertThat(response.metadata()).containsExactly(Map.entry("k", "v"));
	}

	@Test
	void bindingWithoutResponseGivesNoContent() {
		assertThat(this.client.invoke("echo", "create", null).hasContent()).isFalse();
	}

}
