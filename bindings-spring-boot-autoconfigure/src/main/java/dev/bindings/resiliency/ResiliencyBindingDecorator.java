package dev.bindings.resiliency;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingDecorator;
import dev.bindings.resiliency.ResiliencyPolicies.BreakerPolicy;
import dev.bindings.resiliency.ResiliencyPolicies.ComponentPolicies;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Applies the outbound resiliency policies of each output binding (see
 * {@link ResiliencyPolicies#outbound}) with resilience4j. Every error is retried, except
 * an open circuit breaker (a retry policy's {@code matching} does not apply: an output
 * binding's error has no status, as in daprd); the caller sees the last error.
 */
public class ResiliencyBindingDecorator implements OutputBindingDecorator, DisposableBean {

	private static final Log logger = LogFactory.getLog(ResiliencyBindingDecorator.class);

	private final ResiliencyPolicies policies;

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
			new CustomizableThreadFactory("bindings-resiliency-"));

	/**
	 * Create a decorator.
	 * @param policies the app's policies
	 */
	public ResiliencyBindingDecorator(ResiliencyPolicies policies) {
		this.policies = policies;
	}

	@Override
	public OutputBinding decorate(ComponentDefinition component, OutputBinding binding) {
		ComponentPolicies outbound = this.policies.outbound(component.name());
		if (outbound.isEmpty()) {
			return binding;
		}
		logger.info("Resiliency policies for output binding " + component.name() + ": " + outbound);
		Long timeout = (outbound.timeout() != null) ? Math.max(1, outbound.timeout().toMillis()) : null;
		Retry retry = (outbound.retry() != null)
				? Resilience4jPolicies.retry(component.name(), outbound.retry(), ResiliencyBindingDecorator::retryable)
				: null;
		BreakerPolicy breakerPolicy = outbound.breaker();
		String breakerName = outbound.breakerName();
		// a cancelled call (its caller gave up) says nothing of the target's health
		CircuitBreaker breaker = (breakerPolicy != null && breakerName != null)
				? Resilience4jPolicies.breaker(breakerName, breakerPolicy, CancellationException.class) : null;
		return new ResilientOutputBinding(binding, timeout, retry, breaker, this.scheduler);
	}

	/**
	 * Every failure is retried but an open circuit breaker and a cancelled invocation
	 * (its caller gave up).
	 */
	private static boolean retryable(Throwable failure) {
		Throwable cause = ResilientOutputBinding.unwrap(failure);
		return !(cause instanceof CallNotPermittedException) && !(cause instanceof CancellationException);
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
