package dev.bindings.resiliency;

import java.time.Duration;
import java.util.function.Predicate;

import dev.bindings.resiliency.ResiliencyPolicies.BreakerPolicy;
import dev.bindings.resiliency.ResiliencyPolicies.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Dapr's policies as resilience4j objects, the one translation for both directions
 * (output bindings and input deliveries): the retry's intervals and attempts as daprd
 * computes them, the circuit breaker's trip as {@code consecutiveFailures}.
 */
final class Resilience4jPolicies {

	/**
	 * The first wait of an exponential policy: daprd's backoff library starts at 500 ms
	 * whatever {@code duration} says ({@code duration} applies to the constant policy
	 * only).
	 */
	static final Duration EXPONENTIAL_INITIAL_INTERVAL = Duration.ofMillis(500);

	private Resilience4jPolicies() {
	}

	/**
	 * A retry: {@code constant} waits {@code duration}; {@code exponential} starts at 500
	 * ms, × 1.5 per attempt, ±50 % jitter, capped at {@code maxInterval};
	 * {@code maxRetries} retries after the first attempt ({@code -1}: no limit).
	 * @param name the retry's name
	 * @param policy the policy
	 * @param retryable which failures are retried (given the failure as thrown)
	 * @return the retry
	 */
	static Retry retry(String name, RetryPolicy policy, Predicate<Throwable> retryable) {
		IntervalFunction intervals = policy.exponential() ? IntervalFunction
			.ofExponentialRandomBackoff(EXPONENTIAL_INITIAL_INTERVAL, 1.5, 0.5, positive(policy.maxInterval()))
				: IntervalFunction.of(positive(policy.duration()));
		int maxAttempts = (policy.maxRetries() < 0) ? Integer.MAX_VALUE : policy.maxRetries() + 1;
		return Retry.of(name,
				RetryConfig.custom()
					.maxAttempts(maxAttempts)
					.intervalFunction(intervals)
					.retryOnException(retryable)
					.failAfterMaxAttempts(false)
					.build());
	}

	/**
	 * A circuit breaker that opens after {@code failures} consecutive failures, stays
	 * open for the policy's {@code timeout}, then lets {@code maxRequests} calls through.
	 * @param name the breaker's name
	 * @param policy the policy
	 * @param ignored failures that say nothing of the target's health (neither success
	 * nor failure)
	 * @return the circuit breaker
	 */
	@SafeVarargs
	static CircuitBreaker breaker(String name, BreakerPolicy policy, Class<? extends Throwable>... ignored) {
		return CircuitBreaker.of(name,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(policy.failures())
					.minimumNumberOfCalls(policy.failures())
					.failureRateThreshold(100)
					.waitDurationInOpenState(positive(policy.timeout()))
					.permittedNumberOfCallsInHalfOpenState(policy.maxRequests())
					.ignoreExceptions(ignored)
					.build());
	}

	private static Duration positive(Duration duration) {
		return (duration.isZero() || duration.isNegative()) ? Duration.ofMillis(1) : duration;
	}

}
