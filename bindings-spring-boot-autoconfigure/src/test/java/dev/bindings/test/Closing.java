package dev.bindings.test;

import java.time.Duration;

import dev.bindings.input.InputBindingRegistry;
import dev.bindings.input.InputBindingState;
import dev.bindings.input.InputBindingStatus;

import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Closes an application on another thread, the way a shutdown does, for tests of what
 * happens to deliveries in flight.
 */
public final class Closing {

	private static final String STOP_THREAD_PREFIX = "bindings-input-stop-";

	private Closing() {
	}

	/**
	 * Start closing a context and wait until the stop of an input binding is under way:
	 * its state is {@link InputBindingState#STOPPING} and the thread stopping it waits
	 * (for the delivery in flight). Events the binding takes from then on are refused.
	 * @param context the context
	 * @param binding the input binding's name
	 * @return the thread closing the context
	 */
	public static Thread closeAndAwaitStopping(ConfigurableApplicationContext context, String binding) {
		InputBindingRegistry registry = context.getBean(InputBindingRegistry.class);
		Thread closer = new Thread(context::close, "test-closer");
		closer.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			InputBindingStatus status = registry.find(binding);
			return status != null && status.state() == InputBindingState.STOPPING && stopWaits(binding);
		});
		return closer;
	}

	private static boolean stopWaits(String binding) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().equals(STOP_THREAD_PREFIX + binding)
					&& (thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING));
	}

}
