package dev.bindings;

/**
 * What an {@link InputBinding} hands its events to: the application, through the delivery
 * the binding was configured with (a route of the application's own server, as daprd
 * delivers, or a {@link BindingListener} method). Given to
 * {@link InputBinding#start(InputBindingHandler)}.
 */
public interface InputBindingHandler {

	/**
	 * Deliver one event and wait for the application's answer. Returning means the
	 * application processed the event (an HTTP 2xx, or a handler method that returned):
	 * the binding may then acknowledge it (commit, ack). Any exception means it did not:
	 * the binding keeps the event (retries it, leaves it unacknowledged) or gives it up
	 * with {@link #skipped} or {@link #deadLettered}, never silently.
	 * @param event the event
	 * @throws Exception if the application did not process the event, or the binding is
	 * closed ({@code input binding is closed})
	 */
	void handle(BindingEvent event) throws Exception;

	/**
	 * Report an event the binding gives up on without delivering it again (retries
	 * exhausted or disabled): logged at ERROR with where the event came from and counted.
	 * @param event the event
	 * @param source where it came from, for the log (for example
	 * {@code topic orders, partition 2, offset 17})
	 * @param cause the last failure
	 */
	void skipped(BindingEvent event, String source, Throwable cause);

	/**
	 * Report an event the binding gave up on and stored elsewhere (a dead-letter topic or
	 * queue): logged at WARN and counted.
	 * @param event the event
	 * @param source where it came from, for the log
	 * @param destination where it was stored
	 * @param cause the last failure
	 */
	void deadLettered(BindingEvent event, String source, String destination, Throwable cause);

}
