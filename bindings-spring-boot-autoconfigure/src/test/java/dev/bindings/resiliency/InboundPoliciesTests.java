package dev.bindings.resiliency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.DaprManifests;
import dev.bindings.resiliency.ResiliencyPolicies.ComponentPolicies;
import dev.bindings.resiliency.ResiliencyPolicies.StatusCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading the inbound policies of input bindings
 * ({@code targets.components.<name>.inbound}) and their lookup, as daprd does it.
 */
class InboundPoliciesTests {

	@TempDir
	Path folder;

	private ResiliencyPolicies read(String spec) throws Exception {
		Files.writeString(this.folder.resolve("resiliency.yaml"), """
				apiVersion: dapr.io/v1alpha1
				kind: Resiliency
				metadata:
				  name: inbound
				spec:
				%s
				""".formatted(spec.indent(2)));
		return ResiliencyPolicies.of(DaprManifests.read(List.of(this.folder), "Resiliency", "app1"));
	}

	@Test
	void aTargetsInboundPoliciesApplyToItsInputBindingAndItsOutboundOnesToItsOutputBinding() throws Exception {
		ResiliencyPolicies policies = read("""
				policies:
				  timeouts: {short: 1s, long: 9s}
				  retries:
				    twice: {policy: constant, duration: 10ms, maxRetries: 2, matching: {httpStatusCodes: "429,500-599"}}
				  circuitBreakers:
				    cb: {maxRequests: 2, timeout: 30s, trip: "consecutiveFailures >= 3"}
				targets:
				  components:
				    orders:
				      inbound: {timeout: short, retry: twice, circuitBreaker: cb}
				      outbound: {timeout: long}
				""");
		ComponentPolicies inbound = policies.inbound("orders");
		assertThat(inbound.timeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(inbound.retry()).isNotNull();
		assertThat(inbound.retry().maxRetries()).isEqualTo(2);
		assertThat(inbound.retry().duration()).isEqualTo(Duration.ofMillis(10));
		assertThat(inbound.retry().httpStatusCodes()).hasToString("429,500-599");
		assertThat(inbound.breaker()).isNotNull();
		assertThat(inbound.breaker().failures()).isEqualTo(3);
		assertThat(inbound.breaker().maxRequests()).isEqualTo(2);
		assertThat(inbound.breakerName()).isEqualTo("orders-inbound-cb");
		ComponentPolicies outbound = policies.outbound("orders");
		assertThat(outbound.timeout()).isEqualTo(Duration.ofSeconds(9));
		assertThat(outbound.retry()).isNull();
		assertThat(outbound.breaker()).isNull();
	}

	@Test
	void defaultPoliciesAreLookedUpInDaprdsOrder() throws Exception {
		String all = """
				policies:
				  retries:
				    DefaultRetryPolicy: {maxRetries: 1}
				    DefaultComponentRetryPolicy: {maxRetries: 2}
				    DefaultComponentInboundRetryPolicy: {maxRetries: 3}
				    DefaultBindingComponentInboundRetryPolicy: {maxRetries: 4}
				    DefaultBindingComponentOutboundRetryPolicy: {maxRetries: 5}
				    DefaultComponentOutboundRetryPolicy: {maxRetries: 6}
				""";
		assertThat(read(all).inbound("orders").retry().maxRetries()).isEqualTo(4);
		assertThat(read(all.replace("DefaultBindingComponentInboundRetryPolicy", "Unused1")).inbound("orders")
			.retry()
			.maxRetries()).isEqualTo(3);
		assertThat(read(all.replace("DefaultBindingComponentInboundRetryPolicy", "Unused1")
			.replace("DefaultComponentInboundRetryPolicy", "Unused2")).inbound("orders").retry().maxRetries())
			.as("the outbound defaults never apply to input bindings")
			.isEqualTo(2);
		assertThat(read(all.replace("DefaultBindingComponentInboundRetryPolicy", "Unused1")
			.replace("DefaultComponentInboundRetryPolicy", "Unused2")
			.replace("DefaultComponentRetryPolicy", "Unused3")).inbound("orders").retry().maxRetries()).isEqualTo(1);
		assertThat(read(all).outbound("orders").retry().maxRetries()).isEqualTo(5);
	}

	@Test
	void defaultTimeoutsAndCircuitBreakersAreLookedUpByTheirOwnNames() throws Exception {
		ResiliencyPolicies policies = read("""
				policies:
				  timeouts:
				    DefaultBindingComponentInboundTimeoutPolicy: 2s
				    DefaultTimeoutPolicy: 7s
				  circuitBreakers:
				    DefaultComponentInboundCircuitBreakerPolicy: {trip: "consecutiveFailures > 4"}
				""");
		ComponentPolicies inbound = policies.inbound("orders");
		assertThat(inbound.timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(inbound.retry()).isNull();
		assertThat(inbound.breaker().failures()).isEqualTo(5);
		assertThat(inbound.breakerName()).isEqualTo("orders-inbound-DefaultComponentInboundCircuitBreakerPolicy");
		assertThat(policies.outbound("orders").timeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(policies.outbound("orders").breaker()).isNull();
	}

	@Test
	void aComponentThatIsATargetGetsNoDefaultPolicyAsInDaprd() throws Exception {
		ResiliencyPolicies policies = read("""
				policies:
				  timeouts: {general: 5s}
				  retries:
				    DefaultRetryPolicy: {maxRetries: 1}
				targets:
				  components:
				    orders:
				      outbound: {timeout: general}
				""");
		assertThat(policies.inbound("orders").isEmpty()).isTrue();
		assertThat(policies.inbound("other").retry()).isNotNull();
	}

	@Test
	void withoutPoliciesAnInputBindingHasNone() throws Exception {
		assertThat(read("policies: {}").inbound("orders").isEmpty()).isTrue();
	}

	@Test
	void anUndefinedInboundPolicyStopsStartupNamingIt() {
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(() -> read("""
				policies:
				  timeouts: {general: 5s}
				targets:
				  components:
				    orders:
				      inbound: {retry: missing}
				"""))
			.withMessageContaining("Component 'orders'")
			.withMessageContaining("the inbound retry policy 'missing' is not defined");
	}

	@Test
	void anUnknownInboundPolicyKindStopsStartupNamingIt() {
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(() -> read("""
				policies:
				  timeouts: {general: 5s}
				targets:
				  components:
				    orders:
				      inbound: {deadline: general}
				""")).withMessageContaining("unknown inbound policy kind 'deadline'");
	}

	@Test
	void anInvalidMatchingListStopsStartupWithDaprdsReason() {
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(() -> read("""
				policies:
				  retries:
				    picky: {matching: {httpStatusCodes: "500-650"}}
				"""))
			.withMessageContaining("retry policy 'picky' has an invalid matching.httpStatusCodes: "
					+ "invalid pattern 500-650, end code 650 is not valid");
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(() -> read("""
				policies:
				  retries:
				    picky: {matching: {gRPCStatusCodes: "17"}}
				""")).withMessageContaining("matching.gRPCStatusCodes: invalid pattern 17, start code 17 is not valid");
	}

	@Test
	void statusCodeListsAreReadAsDaprdReadsThem() {
		StatusCodes codes = StatusCodes.parse("429,,500-599", 100, 599);
		assertThat(codes.matches(429)).isTrue();
		assertThat(codes.matches(500)).isTrue();
		assertThat(codes.matches(599)).isTrue();
		assertThat(codes.matches(404)).isFalse();
		assertThat(StatusCodes.parse("", 100, 599).matches(404)).as("empty: every code").isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> StatusCodes.parse("599-500", 100, 599))
			.withMessage("invalid pattern 599-500, start value should not bigger than end value");
		assertThatIllegalArgumentException().isThrownBy(() -> StatusCodes.parse("500-550-599", 100, 599))
			.withMessage("invalid pattern 500-550-599, more than one '-' exists");
		assertThatIllegalArgumentException().isThrownBy(() -> StatusCodes.parse("5xx", 100, 599))
			.withMessage("failed to parse start code 5xx from pattern 5xx to int");
		assertThatIllegalArgumentException().isThrownBy(() -> StatusCodes.parse(" 500", 100, 599))
			.withMessageStartingWith("failed to parse start code  500");
	}

}
