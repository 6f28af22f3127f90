package dev.bindings.resiliency;

import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.bindings.component.ComponentDefinition;
import dev.bindings.input.AppStatusException;
import dev.bindings.input.DeliveryPolicy;
import dev.bindings.input.DeliveryPolicyFactory;
import dev.bindings.resiliency.ResiliencyPolicies.BreakerPolicy;
import dev.bindings.resiliency.ResiliencyPolicies.ComponentPolicies;
import dev.bindings.resiliency.ResiliencyPolicies.RetryPolicy;
import dev.bindings.resiliency.ResiliencyPolicies.StatusCodes;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Applies the inbound resiliency policies of each input binding (see
 * {@link ResiliencyPolicies#inbound}) to every delivery of its events, with resilience4j,
 * as daprd does: retry outermost, then the binding's circuit breaker, then a timeout per
 * attempt. A retry policy's {@code matching.httpStatusCodes} decides which statuses of a
 * route are retried; a failure without a status (the app could not be reached, a timeout,
 * a handler method that threw) is always retried, and an open circuit breaker never is.
 * {@code matching.gRPCStatusCodes} is read and validated but applies to nothing: no
 * delivery here has a gRPC status.
 */
public class InboundResiliency implements DeliveryPolicyFactory, DisposableBean {

	private static final Log logger = LogFactory.getLog(InboundResiliency.class);

	private final ResiliencyPolicies policies;

	private final ScheduledThreadPoolExecutor deadlines;

	/**
	 * Create the inbound policies.
	 * @param policies the app's policies
	 */
	public InboundResiliency(ResiliencyPolicies policies) {
		this.policies = policies;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("bindings-inbound-deadline-");
		threads.setDaemon(true);
		this.deadlines = new ScheduledThreadPoolExecutor(1, threads);
		// a deadline is cancelled when its attempt ends in time: do not keep it queued
		this.deadlines.setRemoveOnCancelPolicy(true);
	}

	@Override
	public DeliveryPolicy create(ComponentDefinition component) {
		ComponentPolicies inbound = this.policies.inbound(component.name());
		if (inbound.isEmpty()) {
			return DeliveryPolicy.NONE;
		}
		logger.info("Resiliency policies for input binding " + component.name() + ": " + inbound);
		RetryPolicy retryPolicy = inbound.retry();
		Retry retry = null;
		if (retryPolicy != null) {
			StatusCodes matching = retryPolicy.httpStatusCodes();
			retry = Resilience4jPolicies.retry(component.name() + "-inbound", retryPolicy,
					(failure) -> retryable(failure, matching));
		}
		BreakerPolicy breakerPolicy = inbound.breaker();
		String breakerName = inbound.breakerName();
		CircuitBreaker breaker = (breakerPolicy != null && breakerName != null)
				? Resilience4jPolicies.breaker(breakerName, breakerPolicy) : null;
		return new ResilientDelivery(inbound.timeout(), retry, breaker, this.deadlines);
	}

	/**
	 * Whether a failed attempt is retried: not when the circuit breaker is open; a
	 * route's status when {@code matching.httpStatusCodes} lists it (or lists nothing);
	 * any other failure.
	 */
	static boolean retryable(Throwable failure, StatusCodes matching) {
		if (failure instanceof CallNotPermittedException) {
			return false;
		}
		if (failure instanceof AppStatusException status) {
			return matching.matches(status.statusCode());
		}
		return true;
	}

	@Override
	public void destroy() {
		this.deadlines.shutdownNow();
	}

}
