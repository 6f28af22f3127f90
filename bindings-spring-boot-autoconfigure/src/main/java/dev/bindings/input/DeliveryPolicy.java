package dev.bindings.input;

import java.time.Duration;

/**
 * How every delivery of one input binding's events runs: in one attempt ({@link #NONE}),
 * or under policies such as Dapr's inbound resiliency (retries, a timeout per attempt, a
 * circuit breaker). A policy runs on the binding's thread, inside the delivery's
 * observation (one observation per delivery, whatever the number of attempts), and
 * attempts run on that same thread, so that a binding's order (a Kafka partition's) is
 * kept and a handler method sees the delivery's trace. What the policy throws is what the
 * binding sees: it then retries, keeps or reports the event by its own rules (for Kafka,
 * {@code consumeRetryEnabled}), on top of the policy's retries.
 */
@FunctionalInterface
public interface DeliveryPolicy {

	/** Exactly one attempt. */
	DeliveryPolicy NONE = Attempts::attempt;

	/**
	 * Deliver one event, in as many attempts as the policy allows, on the calling thread.
	 * @param attempts the event's attempts
	 * @throws Exception the failure the binding sees (usually the last attempt's)
	 */
	void deliver(Attempts attempts) throws Exception;

	/**
	 * One event's delivery, as a policy sees it.
	 */
	interface Attempts {

		/**
		 * The input binding, for logs.
		 * @return the binding's name
		 */
		String binding();

		/**
		 * Deliver the event once and return when the application processed it. Runs on
		 * the calling thread; interrupting that thread aborts the attempt: a route's HTTP
		 * request is cancelled (its connection closed), a handler method is interrupted
		 * (it stops if it reacts to interruption, otherwise it runs to its end).
		 * @throws AppStatusException if the route answered a status other than 2xx
		 * @throws Exception if the application did not process the event for another
		 * reason (it could not be reached, the handler method threw)
		 */
		void attempt() throws Exception;

		/**
		 * Wait before the next attempt. The wait ends early, and no attempt may follow,
		 * when the binding stops (or the thread is interrupted).
		 * @param delay how long to wait
		 * @return {@code true} when the delay passed, {@code false} when the binding
		 * stops
		 */
		boolean awaitRetry(Duration delay);

	}

}
