package dev.bindings.test;

import java.time.Duration;

import dev.bindings.input.InputBindingRegistry;
import dev.bindings.input.InputBindingState;
import dev.bindings.input.InputBindingStatus;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closes an application on another thread, the way a shutdown does, for tests of what
 * happens to deliveries in flight.
 */
public final class Closing {

	private static final String STOP_THREAD_PREFIX = "bindings-input-stop-";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private Closing() {
	}

	/**
	 * Close a context while a delivery of one of its input bindings is in flight: start
	 * closing it on another thread, wait until the stop of the input binding is under way
	 * (its state is {@link InputBindingState#STOPPING} and the thread stopping it waits
	 * for the delivery in flight), then let the delivery finish and wait for the close to
	 * end.
	 * @param context the context
	 * @param binding the input binding's name
	 * @param release lets the delivery in flight finish
	 * @throws InterruptedException if interrupted while waiting for the close
	 */
	public static void closeReleasingTheDeliveryInFlight(ConfigurableApplicationContext context, String binding,
			Runnable release) throws InterruptedException {
		InputBindingRegistry registry = context.getBean(InputBindingRegistry.class);
		Thread closer = new Thread(context::close, "test-closer");
		closer.start();
		await().atMost(WAIT).until(() -> {
			InputBindingStatus status = registry.find(binding);
			return status != null && status.state() == InputBindingState.STOPPING && stopWaits(binding);
		});
		release.run();
		closer.join(WAIT.toMillis());
		assertThat(closer.isAlive()).as("the close ended").isFalse();
	}

	private static boolean stopWaits(String binding) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().equals(STOP_THREAD_PREFIX + binding)
					&& (thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING));
	}

}
