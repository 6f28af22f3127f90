package dev.bindings.resiliency;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.bindings.DeliveryFailedException;
import dev.bindings.input.DeliveryPolicy;
import dev.bindings.support.Failures;
import dev.bindings.support.golang.GoDuration;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The inbound policies of one input binding, applied to each delivery on the binding's
 * own thread: retry outermost, then the circuit breaker, then the timeout of each attempt
 * (daprd's order).
 * <ul>
 * <li>Timeout: when an attempt runs past it, its thread is interrupted, which cancels a
 * route's HTTP request (the JDK client closes the connection) and interrupts a handler
 * method; the attempt fails with {@code context deadline exceeded} whatever it does
 * afterwards (a handler method that ignores the interrupt runs to its end first: it is
 * not abandoned on another thread, so that no two attempts of one binding ever run at
 * once).</li>
 * <li>Retry: the waits between attempts end when the binding stops, and no attempt
 * follows; the failure the binding sees is then the last attempt's.</li>
 * <li>Circuit breaker: while open, a delivery fails at once with
 * {@code circuit breaker is open} and is not retried.</li>
 * </ul>
 */
final class ResilientDelivery implements DeliveryPolicy {

	private static final Log logger = LogFactory.getLog(ResilientDelivery.class);

	static final String DEADLINE_EXCEEDED = "error invoking app: context deadline exceeded";

	static final String BREAKER_OPEN = "error invoking app: circuit breaker is open";

	private final @Nullable Duration timeout;

	private final @Nullable Retry retry;

	private final @Nullable CircuitBreaker breaker;

	private final ScheduledExecutorService deadlines;

	ResilientDelivery(@Nullable Duration timeout, @Nullable Retry retry, @Nullable CircuitBreaker breaker,
			ScheduledExecutorService deadlines) {
		this.timeout = (timeout != null && (timeout.isZero() || timeout.isNegative())) ? Duration.ofMillis(1) : timeout;
		this.retry = retry;
		this.breaker = breaker;
		this.deadlines = deadlines;
	}

	@Override
	public void deliver(Attempts attempts) throws Exception {
		Retry retry = this.retry;
		if (retry == null) {
			try {
				guarded(attempts);
			}
			catch (CallNotPermittedException ex) {
				throw breakerOpen(ex);
			}
			return;
		}
		Retry.AsyncContext<Void> context = retry.asyncContext();
		for (int attempt = 1;; attempt++) {
			try {
				guarded(attempts);
				context.onComplete();
				if (attempt > 1) {
					logger.info("Input binding '" + attempts.binding() + "': delivered at attempt " + attempt);
				}
				return;
			}
			catch (Exception ex) {
				long delay = context.onError(ex);
				if (delay < 0) {
					throw (ex instanceof CallNotPermittedException open) ? breakerOpen(open) : ex;
				}
				logger.info("Input binding '" + attempts.binding() + "': delivery attempt " + attempt
						+ " failed; retrying in " + GoDuration.format(Duration.ofMillis(delay)));
				if (logger.isDebugEnabled()) {
					logger.debug("Input binding '" + attempts.binding() + "': attempt " + attempt + " failed with: "
							+ Failures.describe(ex));
				}
				if (!attempts.awaitRetry(Duration.ofMillis(delay))) {
					logger.info("Input binding '" + attempts.binding() + "': no further attempt, the binding stops");
					throw ex;
				}
			}
		}
	}

	private static DeliveryFailedException breakerOpen(CallNotPermittedException ex) {
		return new DeliveryFailedException(BREAKER_OPEN, ex);
	}

	/**
	 * One attempt through the circuit breaker: refused while it is open, counted as
	 * success or failure otherwise.
	 */
	private void guarded(Attempts attempts) throws Exception {
		CircuitBreaker breaker = this.breaker;
		if (breaker == null) {
			timed(attempts);
			return;
		}
		breaker.acquirePermission();
		long start = breaker.getCurrentTimestamp();
		try {
			timed(attempts);
		}
		catch (Throwable ex) {
			breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), ex);
			throw ex;
		}
		breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
	}

	/**
	 * One attempt within the timeout: past it, the attempt's thread is interrupted and
	 * the attempt fails.
	 */
	private void timed(Attempts attempts) throws Exception {
		Duration timeout = this.timeout;
		if (timeout == null) {
			attempts.attempt();
			return;
		}
		Deadline deadline = new Deadline(Thread.currentThread());
		ScheduledFuture<?> timer;
		try {
			timer = this.deadlines.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			throw new DeliveryFailedException("input binding is closed", ex);
		}
		Exception failure = null;
		boolean expired;
		try {
			attempts.attempt();
		}
		catch (Exception ex) {
			failure = ex;
		}
		finally {
			timer.cancel(false);
			expired = deadline.finish();
		}
		if (expired) {
			throw new DeliveryFailedException(DEADLINE_EXCEEDED + " (the attempt took longer than "
					+ GoDuration.format(timeout) + " and was aborted)", failure);
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * The deadline of one attempt: interrupts the attempt's thread if it is still running
	 * when the time is up, and clears that interrupt once the attempt ended, so that it
	 * never reaches the binding's own code.
	 */
	private static final class Deadline {

		private final Thread thread;

		private boolean finished;

		private boolean expired;

		Deadline(Thread thread) {
			this.thread = thread;
		}

		synchronized void expire() {
			if (!this.finished) {
				this.expired = true;
				this.thread.interrupt();
			}
		}

		/**
		 * End the attempt; called on the attempt's thread.
		 * @return whether the time was up
		 */
		synchronized boolean finish() {
			this.finished = true;
			if (this.expired) {
				Thread.interrupted();
			}
			return this.expired;
		}

	}

}
