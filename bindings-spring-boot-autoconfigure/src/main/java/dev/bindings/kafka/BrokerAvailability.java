package dev.bindings.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Fails requests fast while a component's brokers are unreachable. After a send fails for
 * lack of a broker (a timeout waiting for metadata or for the acknowledgement, a network
 * error), requests fail at once with the last error instead of each holding its caller
 * for {@code max.block.ms}; every {@link #TRIAL_INTERVAL} one request goes through as a
 * trial, and the first success (or a successful health ping) ends the outage. So a
 * binding recovers by itself when its brokers come back.
 */
final class BrokerAvailability {

	/** How often a request is let through during an outage. */
	static final Duration TRIAL_INTERVAL = Duration.ofSeconds(2);

	private volatile @Nullable String outage;

	private final AtomicLong nextTrial = new AtomicLong();

	/**
	 * Whether a request may go to the brokers now.
	 * @return {@code null} to go ahead, or the reason to fail it at once
	 */
	@Nullable String check() {
		String reason = this.outage;
		if (reason == null) {
			return null;
		}
		long now = System.nanoTime();
		long next = this.nextTrial.get();
		if (now - next >= 0 && this.nextTrial.compareAndSet(next, now + TRIAL_INTERVAL.toNanos())) {
			return null;
		}
		return "kafka: brokers unavailable, failing fast until they answer again (last error: " + reason + ")";
	}

	/**
	 * Record a failed send or ping.
	 * @param failure the failure
	 */
	void failed(Throwable failure) {
		if (failure instanceof TimeoutException || failure instanceof NetworkException
				|| failure instanceof BrokerNotAvailableException) {
			if (this.outage == null) {
				this.nextTrial.set(System.nanoTime() + TRIAL_INTERVAL.toNanos());
			}
			this.outage = String.valueOf(failure.getMessage());
		}
	}

	/**
	 * Record a successful send or ping: the brokers answer.
	 */
	void succeeded() {
		if (this.outage != null) {
			this.outage = null;
		}
	}

	/**
	 * Whether an outage is in progress.
	 * @return whether requests currently fail fast
	 */
	boolean isDown() {
		return this.outage != null;
	}

}
