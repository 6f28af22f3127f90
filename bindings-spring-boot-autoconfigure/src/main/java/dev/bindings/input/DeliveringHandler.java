package dev.bindings.input;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingEvent;
import dev.bindings.DeliveryFailedException;
import dev.bindings.InputBindingHandler;
import dev.bindings.observation.BindingObservation;
import dev.bindings.observation.DefaultInputBindingObservationConvention;
import dev.bindings.observation.InputBindingObservationContext;
import dev.bindings.observation.InputBindingObservationConvention;
import dev.bindings.support.Failures;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The handler the registry gives an input binding: delivers each event the way the
 * binding was configured with, under the binding's {@link DeliveryPolicy} (its attempts
 * within one observation, {@link BindingObservation#DELIVERY}, that continues the event's
 * trace), and reports the events the binding gives up on.
 */
final class DeliveringHandler implements InputBindingHandler {

	private static final Log logger = LogFactory.getLog(DeliveringHandler.class);

	private static final DefaultInputBindingObservationConvention DEFAULT_CONVENTION = new DefaultInputBindingObservationConvention();

	private final String name;

	private final String type;

	private final Delivery delivery;

	private final DeliveryPolicy policy;

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final ObservationRegistry observationRegistry;

	private final @Nullable InputBindingObservationConvention convention;

	private final UnprocessedEventRecorder recorder;

	private volatile boolean closed;

	private volatile @Nullable String lastFailure;

	DeliveringHandler(String name, String type, Delivery delivery, DeliveryPolicy policy,
			ObservationRegistry observationRegistry, @Nullable InputBindingObservationConvention convention,
			UnprocessedEventRecorder recorder) {
		this.name = name;
		this.type = type;
		this.delivery = delivery;
		this.policy = policy;
		this.observationRegistry = observationRegistry;
		this.convention = convention;
		this.recorder = recorder;
	}

	Delivery delivery() {
		return this.delivery;
	}

	@Nullable String lastFailure() {
		return this.lastFailure;
	}

	/**
	 * The binding stops: end every wait between attempts now, and make no further attempt
	 * (the attempts in progress finish).
	 */
	void stopping() {
		this.stopping.countDown();
	}

	/**
	 * Refuse every event from now on, as daprd does once a binding is stopped.
	 */
	void close() {
		this.closed = true;
	}

	@Override
	public void handle(BindingEvent event) throws Exception {
		if (this.closed) {
			throw new DeliveryFailedException("input binding is closed");
		}
		Observation observation = BindingObservation.DELIVERY.observation(this.convention, DEFAULT_CONVENTION,
				() -> new InputBindingObservationContext(event.metadata(), this.name, this.type, this.delivery.kind()),
				this.observationRegistry);
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			this.policy.deliver(new EventAttempts(event));
			this.lastFailure = null;
		}
		catch (Exception | Error ex) {
			observation.error(ex);
			this.lastFailure = Failures.describe(ex);
			if (logger.isDebugEnabled()) {
				logger.debug("Input binding '" + this.name + "': the application did not process an event ("
						+ this.delivery.description() + "): " + this.lastFailure);
			}
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	@Override
	public void skipped(BindingEvent event, String source, Throwable cause) {
		logger.error("Input binding '" + this.name + "' (" + this.type + "): " + source
				+ " is skipped: the application did not process it and it is not delivered again (last failure: "
				+ Failures.describe(cause) + ")");
		this.recorder.record(this.name, this.type, "skipped");
	}

	@Override
	public void deadLettered(BindingEvent event, String source, String destination, Throwable cause) {
		logger.warn("Input binding '" + this.name + "' (" + this.type + "): " + source
				+ " was not processed by the application and is stored in " + destination + " (last failure: "
				+ Failures.describe(cause) + ")");
		this.recorder.record(this.name, this.type, "dead-lettered");
	}

	/**
	 * The attempts of one event: each a delivery, the waits between them ended by
	 * {@link #stopping()}.
	 */
	private final class EventAttempts implements DeliveryPolicy.Attempts {

		private final BindingEvent event;

		EventAttempts(BindingEvent event) {
			this.event = event;
		}

		@Override
		public String binding() {
			return DeliveringHandler.this.name;
		}

		@Override
		public void attempt() throws Exception {
			DeliveringHandler.this.delivery.deliver(this.event);
		}

		@Override
		public boolean awaitRetry(Duration delay) {
			try {
				return !DeliveringHandler.this.stopping.await(delay.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

	}

}
