package dev.bindings.resiliency;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingException;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.DaprManifests;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for Dapr resiliency policies on output bindings.
 */
class ResiliencyTests {

	@TempDir
	Path folder;

	private DefaultOutputBindingRegistry registry;

	private ResiliencyBindingDecorator decorator;

	/**
	 * A binding that fails its first calls, or answers after a delay; it counts its
	 * calls.
	 */
	static final class FlakyBinding implements OutputBinding {

		final AtomicInteger calls = new AtomicInteger();

		final int failures;

		final long delayMillis;

		final ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();

		volatile CompletableFuture<BindingResponse> lastCall;

		FlakyBinding(int failures, long delayMillis) {
			this.failures = failures;
			this.delayMillis = delayMillis;
		}

		@Override
		public List<String> operations() {
			return List.of("create");
		}

		@Override
		public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
			int call = this.calls.incrementAndGet();
			if (call <= this.failures) {
				return CompletableFuture.failedFuture(new IllegalStateException("failure " + call));
			}
			CompletableFuture<BindingResponse> delivery = CompletableFuture.supplyAsync(() -> {
				this.delivered.add(new String(request.data(), StandardCharsets.UTF_8));
				return BindingResponse.noContent();
			}, CompletableFuture.delayedExecutor(this.delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS));
			this.lastCall = delivery;
			return delivery;
		}

	}

	private DefaultBindingClient client(String resiliency, FlakyBinding binding) throws Exception {
		Files.writeString(this.folder.resolve("resiliency.yaml"), resiliency);
		this.decorator = new ResiliencyBindingDecorator(
				ResiliencyPolicies.of(DaprManifests.read(List.of(this.folder), "Resiliency", "app1")));
		OutputBindingFactory factory = new OutputBindingFactory() {

			@Override
			public String type() {
				return "bindings.test.flaky";
			}

			@Override
			public OutputBinding create(ComponentDefinition component) {
				return binding;
			}

		};
		this.registry = new DefaultOutputBindingRegistry(List.of(new ComponentDefinition("flaky", "bindings.test.flaky",
				"v1", Map.of(), List.of(), false, null, "test")), List.of(factory), List.of(this.decorator));
		return new DefaultBindingClient(this.registry, JsonMapper.builder().build()::writeValueAsBytes);
	}

	@AfterEach
	void close() {
		if (this.registry != null) {
			this.registry.destroy();
			this.decorator.destroy();
		}
	}

	private static String resiliency(String policies, String targets) {
		return """
				apiVersion: dapr.io/v1alpha1
				kind: Resiliency
				metadata:
				  name: myresiliency
				spec:
				  policies:
				%s
				  targets:
				%s
				""".formatted(policies, targets);
	}

	private static final String TARGET = """
			    components:
			      flaky:
			        outbound:
			          %s
			""";

	@Test
	void withoutPoliciesACallRunsOnce() throws Exception {
		FlakyBinding binding = new FlakyBinding(1, 0);
		DefaultBindingClient client = client(resiliency("    timeouts: {}", "    components: {}"), binding);
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client.invoke("flaky", "create", "x"))
			.withMessage("error invoking output binding flaky: failure 1");
		assertThat(binding.calls).hasValue(1);
	}

	@Test
	void retryPolicyRetriesUntilSuccess() throws Exception {
		FlakyBinding binding = new FlakyBinding(2, 0);
		DefaultBindingClient client = client(resiliency("""
				    retries:
				      quick: {policy: constant, duration: 10ms, maxRetries: 3}
				""", TARGET.formatted("retry: quick")), binding);
		assertThat(client.invoke("flaky", "create", "x").hasContent()).isFalse();
		assertThat(binding.calls).hasValue(3);
	}

	@Test
	void lastErrorIsReportedWhenRetriesRunOut() throws Exception {
		FlakyBinding binding = new FlakyBinding(10, 0);
		DefaultBindingClient client = client(resiliency("""
				    retries:
				      quick: {duration: 1ms, maxRetries: 2}
				""", TARGET.formatted("retry: quick")), binding);
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client.invoke("flaky", "create", "x"))
			.withMessage("error invoking output binding flaky: failure 3");
		assertThat(binding.calls).hasValue(3);
	}

	@Test
	void timeoutGivesDeadlineExceeded() throws Exception {
		FlakyBinding binding = new FlakyBinding(0, 2000);
		DefaultBindingClient client = client(resiliency("""
				    timeouts:
				      short: 50ms
				""", TARGET.formatted("timeout: short")), binding);
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client.invoke("flaky", "create", "x"))
			.withMessage("error invoking output binding flaky: context deadline exceeded");
	}

	@Test
	void retryAfterATimeoutWaitsForTheCallInsteadOfSendingAgain() throws Exception {
		FlakyBinding binding = new FlakyBinding(0, 300);
		DefaultBindingClient client = client(resiliency("""
				    timeouts:
				      short: 50ms
				    retries:
				      patient: {duration: 10ms, maxRetries: 20}
				""", TARGET.formatted("timeout: short\n          retry: patient")), binding);
		assertThat(client.invoke("flaky", "create", "once").hasContent()).isFalse();
		assertThat(binding.calls).hasValue(1);
		assertThat(new ArrayList<>(binding.delivered)).containsExactly("\"once\"");
	}

	@Test
	void cancellingAnInvocationCancelsTheCallInProgressAndEndsTheRetries() throws Exception {
		FlakyBinding binding = new FlakyBinding(0, 500);
		DefaultBindingClient client = client(resiliency("""
				    timeouts:
				      short: 50ms
				    retries:
				      patient: {duration: 10ms, maxRetries: 20}
				""", TARGET.formatted("timeout: short\n          retry: patient")), binding);
		CompletableFuture<BindingResponse> invocation = client.invokeAsync("flaky", "create", "cancelled", Map.of());
		assertThat(binding.calls).hasValue(1);
		invocation.cancel(false);
		assertThat(binding.lastCall).isCancelled();
		// a later invocation is the second call: the cancelled one was not sent again
		// meanwhile
		assertThat(client.invoke("flaky", "create", "next").hasContent()).isFalse();
		assertThat(binding.calls).hasValue(2);
		assertThat(new ArrayList<>(binding.delivered)).containsExactly("\"next\"");
	}

	@Test
	void circuitBreakerOpensAfterConsecutiveFailuresAndIsNotRetried() throws Exception {
		FlakyBinding binding = new FlakyBinding(100, 0);
		DefaultBindingClient client = client(resiliency("""
				    retries:
				      quick: {duration: 1ms, maxRetries: 10}
				    circuitBreakers:
				      cb: {maxRequests: 1, timeout: 60s, trip: "consecutiveFailures > 2"}
				""", TARGET.formatted("retry: quick\n          circuitBreaker: cb")), binding);
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client.invoke("flaky", "create", "x"))
			.withMessage("error invoking output binding flaky: circuit breaker is open");
		assertThat(binding.calls).hasValue(3);
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client.invoke("flaky", "create", "x"))
			.withMessage("error invoking output binding flaky: circuit breaker is open");
		assertThat(binding.calls).hasValue(3);
	}

	@Test
	void defaultPoliciesApplyToBindingsWithoutTarget() throws Exception {
		FlakyBinding binding = new FlakyBinding(1, 0);
		DefaultBindingClient client = client(resiliency("""
				    retries:
				      DefaultRetryPolicy: {duration: 1ms, maxRetries: 1}
				      DefaultBindingComponentOutboundRetryPolicy: {duration: 1ms, maxRetries: 0}
				""", "    components: {}"), binding);
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client.invoke("flaky", "create", "x"));
		assertThat(binding.calls).as("the binding-specific default wins: no retry").hasValue(1);
	}

	@Test
	void exponentialBackoffStaysWithinItsBounds() {
		var retry = Resilience4jPolicies.retry("r",
				new ResiliencyPolicies.RetryPolicy(true, Duration.ofMillis(100), Duration.ofMillis(400), 10),
				(failure) -> true);
		var intervals = retry.getRetryConfig().getIntervalBiFunction();
		for (int attempt = 1; attempt <= 8; attempt++) {
			long interval = intervals.apply(attempt, null);
			assertThat(interval).isBetween(1L, 400L);
			if (attempt == 1) {
				assertThat(interval).isBetween(250L, 400L);
			}
		}
		assertThat(retry.getRetryConfig().getMaxAttempts()).isEqualTo(11);
	}

	@Test
	void unknownPolicyNameInATargetFailsNamingIt() {
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> client(resiliency("    timeouts: {}", TARGET.formatted("retry: missing")),
					new FlakyBinding(0, 0)))
			.withMessageContaining("retry policy 'missing' is not defined");
	}

	@Test
	void unsupportedTripExpressionFailsNamingIt() {
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(() -> client(resiliency("""
				    circuitBreakers:
				      cb: {trip: "requests > 3"}
				""", "    components: {}"), new FlakyBinding(0, 0))).withMessageContaining("circuit breaker 'cb'");
	}

	@Test
	void resiliencyScopedToAnotherAppIsIgnored() throws Exception {
		FlakyBinding binding = new FlakyBinding(1, 0);
		DefaultBindingClient client = client(resiliency("""
				    retries:
				      quick: {duration: 1ms, maxRetries: 3}
				""", TARGET.formatted("retry: quick")) + "scopes: [other-app]\n", binding);
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client.invoke("flaky", "create", "x"));
		assertThat(binding.calls).hasValue(1);
	}

}
