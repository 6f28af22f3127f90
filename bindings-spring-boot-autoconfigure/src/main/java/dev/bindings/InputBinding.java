package dev.bindings;

import java.time.Duration;

/**
 * A live input binding: one Dapr component of an input binding type (Kafka topics, a cron
 * schedule), reading events and handing each to an {@link InputBindingHandler}. The SPI
 * that input binding types implement; the application's input binding registry owns the
 * lifecycle: it starts a binding when the application is ready to take traffic, pauses
 * and resumes it with the application's readiness, and stops it before the web server
 * shuts down.
 * <p>
 * A binding delivers at least once: it acknowledges an event to its source only after the
 * handler returned, and it never drops an event without reporting it to
 * {@link InputBindingHandler#skipped} or {@link InputBindingHandler#deadLettered}.
 */
public interface InputBinding {

	/**
	 * Start reading. Returns quickly; events are delivered on the binding's own threads,
	 * in the order the binding promises (for Kafka, per partition).
	 * @param handler where events go
	 */
	void start(InputBindingHandler handler);

	/**
	 * Stop taking new events until {@link #resume()}; deliveries in flight finish. Does
	 * nothing when not started.
	 */
	void pause();

	/**
	 * Take events again after {@link #pause()}.
	 */
	void resume();

	/**
	 * Stop for good: take no new event, let the deliveries in flight finish (within the
	 * timeout), acknowledge what was processed and release every resource. Safe to call
	 * more than once, and when never started.
	 * @param timeout how long deliveries in flight may take to finish
	 */
	void stop(Duration timeout);

}
