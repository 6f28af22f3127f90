package dev.bindings.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.bindings.BindingEvent;
import dev.bindings.BindingListener;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler method of the input binding {@code in} in the tests of the input binding
 * types: it records every attempt and every event it processed, and fails or blocks when
 * a test says so.
 */
@Configuration(proxyBeanMethods = false)
public class RecordingHandler {

	/** Every event handed to the method, in order. */
	public final List<BindingEvent> attempts = new CopyOnWriteArrayList<>();

	/** The events the method processed (returned from), in order. */
	public final List<BindingEvent> processed = new CopyOnWriteArrayList<>();

	/** The events the method fails on (throws). */
	public volatile Predicate<BindingEvent> fail = (event) -> false;

	/** Runs before an event is processed, for example to block it. */
	public volatile Consumer<BindingEvent> block = (event) -> {
	};

	/**
	 * Block the delivery of the event whose data is {@code value} until the gate is
	 * released.
	 * @param value the event's data
	 * @return the gate
	 */
	public Gate blockOn(String value) {
		Gate gate = new Gate();
		this.block = (event) -> {
			if (event.dataAsString().equals(value)) {
				gate.pass();
			}
		};
		return gate;
	}

	@BindingListener("in")
	void on(BindingEvent event) {
		this.attempts.add(event);
		this.block.accept(event);
		if (this.fail.test(event)) {
			throw new IllegalStateException("the handler failed on " + event.dataAsString());
		}
		this.processed.add(event);
	}

	/**
	 * Make a started context ready to take traffic, so that its input bindings start
	 * reading.
	 * @param context the context, which must have started
	 * @return its handler
	 */
	public static RecordingHandler ready(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		AvailabilityChangeEvent.publish(context.getSourceApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
		return context.getBean(RecordingHandler.class);
	}

	/**
	 * The events' data as text.
	 * @param events the events
	 * @return their data, UTF-8
	 */
	public static List<String> values(List<BindingEvent> events) {
		return events.stream().map(BindingEvent::dataAsString).toList();
	}

	/**
	 * Where a blocked delivery waits.
	 */
	public static final class Gate {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		void pass() {
			this.entered.countDown();
			try {
				this.released.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * Wait until the blocked delivery has begun.
		 * @throws InterruptedException if interrupted
		 */
		public void awaitEntered() throws InterruptedException {
			assertThat(this.entered.await(90, TimeUnit.SECONDS)).as("the delivery began").isTrue();
		}

		/**
		 * Let the blocked delivery go on.
		 */
		public void release() {
			this.released.countDown();
		}

	}

}
