package dev.bindings.input;

/**
 * Where an input binding is in its lifecycle.
 */
public enum InputBindingState {

	/** Created; it starts reading when the application is ready to take traffic. */
	CREATED,

	/** Reading and delivering events. */
	RUNNING,

	/** Not reading while the application refuses traffic (readiness). */
	PAUSED,

	/**
	 * Not reading: the application has no route for it (the {@code OPTIONS} probe was
	 * answered with neither 2xx nor 405), as daprd decides.
	 */
	NOT_SUBSCRIBED,

	/**
	 * Not reading: it has no handler method and no route to deliver to (no web server, or
	 * the probe failed; the log says which). Tried again at the next readiness change.
	 */
	INACTIVE,

	/**
	 * Stopping with the application: taking no new event, letting the delivery in flight
	 * finish.
	 */
	STOPPING,

	/** Stopped with the application. */
	STOPPED

}
