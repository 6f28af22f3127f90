package dev.bindings.input;

/**
 * Counts the events an input binding gave up on (skipped, or stored in a dead-letter
 * destination); the auto-configuration registers one on the application's
 * {@code MeterRegistry} ({@code bindings.input.unprocessed}).
 */
@FunctionalInterface
public interface UnprocessedEventRecorder {

	/** Records nothing. */
	UnprocessedEventRecorder NONE = (binding, type, disposition) -> {
	};

	/**
	 * Record one event given up on.
	 * @param binding the input binding's name
	 * @param type its component type
	 * @param disposition {@code skipped} or {@code dead-lettered}
	 */
	void record(String binding, String type, String disposition);

}
