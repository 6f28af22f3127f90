package dev.bindings.resiliency;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingDecorator;
import dev.bindings.resiliency.ResiliencyPolicies.BreakerPolicy;
import dev.bindings.resiliency.ResiliencyPolicies.Outbound;
import dev.bindings.resiliency.ResiliencyPolicies.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Applies the resiliency policies of each binding (see {@link ResiliencyPolicies}) with
 * resilience4j. Every error is retried, except an open circuit breaker; the caller sees
 * the last error.
 */
public class ResiliencyBindingDecorator implements OutputBindingDecorator, DisposableBean {

	private static final Log logger = LogFactory.getLog(ResiliencyBindingDecorator.class);

	/**
	 * The first wait of an exponential policy: daprd's backoff library starts at 500 ms
	 * whatever {@code duration} says ({@code duration} applies to the constant policy
	 * only).
	 */
	static final Duration EXPONENTIAL_INITIAL_INTERVAL = Duration.ofMillis(500);

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
		Outbound outbound = this.policies.outbound(component.name());
		if (outbound.isEmpty()) {
			return binding;
		}
		logger.info("Resiliency policies for output binding " + component.name() + ": " + outbound);
		Long timeout = (outbound.timeout() != null) ? Math.max(1, outbound.timeout().toMillis()) : null;
		Retry retry = (outbound.retry() != null) ? retry(component.name(), outbound.retry()) : null;
		BreakerPolicy breakerPolicy = outbound.breaker();
		String breakerName = outbound.breakerName();
		CircuitBreaker breaker = (breakerPolicy != null && breakerName != null) ? breaker(breakerName, breakerPolicy)
				: null;
		return new ResilientOutputBinding(binding, timeout, retry, breaker, this.scheduler);
	}

	static Retry retry(String name, RetryPolicy policy) {
		IntervalFunction intervals = policy.exponential() ? IntervalFunction
			.ofExponentialRandomBackoff(EXPONENTIAL_INITIAL_INTERVAL, 1.5, 0.5, positive(policy.maxInterval()))
				: IntervalFunction.of(positive(policy.duration()));
		int maxAttempts = (policy.maxRetries() < 0) ? Integer.MAX_VALUE : policy.maxRetries() + 1;
		return Retry.of(name,
				RetryConfig.custom()
					.maxAttempts(maxAttempts)
					.intervalFunction(intervals)
					.retryOnException((ex) -> retryable(ResilientOutputBinding.unwrap(ex)))
					.failAfterMaxAttempts(false)
					.build());
	}

	/**
	 * Every failure is retried but an open circuit breaker and a cancelled invocation
	 * (its caller gave up).
	 */
	private static boolean retryable(Throwable failure) {
		return !(failure instanceof CallNotPermittedException) && !(failure instanceof CancellationException);
	}

	static CircuitBreaker breaker(String name, BreakerPolicy policy) {
		return CircuitBreaker.of(name,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(policy.failures())
					.minimumNumberOfCalls(policy.failures())
					.failureRateThreshold(100)
					.waitDurationInOpenState(positive(policy.timeout()))
					.permittedNumberOfCallsInHalfOpenState(policy.maxRequests())
					// a cancelled call (its caller gave up) says nothing of the target's
					// health
					.ignoreExceptions(CancellationException.class)
					.build());
	}

	private static Duration positive(Duration duration) {
		return (duration.isZero() || duration.isNegative()) ? Duration.ofMillis(1) : duration;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
