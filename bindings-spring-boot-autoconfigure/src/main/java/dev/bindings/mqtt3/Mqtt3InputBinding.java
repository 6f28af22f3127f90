package dev.bindings.mqtt3;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingEvent;
import dev.bindings.InputBinding;
import dev.bindings.InputBindingHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The input side of a {@code bindings.mqtt3} component: a Paho client with the client ID
 * {@code <consumerID>-consumer} subscribed with QoS 1 to the component's topic (filter),
 * acknowledging each message (PUBACK, manual acknowledgements) only after the application
 * processed it, as daprd does. The metadata of an event is daprd's: only {@code topic},
 * the message's own topic.
 * <p>
 * Messages are delivered one at a time, in the order they arrive, on the client's
 * callback thread (daprd delivers concurrently, unordered). A message the application did
 * not process is delivered again in place after {@code retryInterval}, up to
 * {@code maxRetries} times ({@code -1}: no limit); then it is reported to
 * {@link InputBindingHandler#skipped} and acknowledged, so that it neither loops nor is
 * lost silently (daprd leaves it unacknowledged, components-contrib#4101).
 * <p>
 * The binding connects when it starts reading and owns its reconnection: after a failed
 * attempt or a lost connection it connects again after 1 s, doubling up to 20 s (daprd's
 * connect retry interval), and subscribes on every connection. Pausing disconnects (once
 * the delivery in flight finished) without unsubscribing, as daprd does when it stops
 * reading: the broker keeps the session's messages, and a message not acknowledged comes
 * again on the next connection. A message that arrives while the binding pauses or stops,
 * or that failed then, is left unacknowledged, never skipped. Stopping lets the delivery
 * in flight finish within the timeout, acknowledges it, then disconnects and closes.
 */
final class Mqtt3InputBinding implements InputBinding {

	private static final Log logger = LogFactory.getLog(Mqtt3InputBinding.class);

	private static final int QOS = 1;

	/** The first wait before connecting again. */
	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

	/** The longest wait before connecting again: daprd's connect retry interval. */
	private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(20);

	/** How long a disconnection is awaited at least when the binding stops. */
	private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(1);

	/** How long a connection, subscription or disconnection is awaited. */
	private static final Duration OPERATION_TIMEOUT = Duration
		.ofSeconds(Mqtt3Connections.CONNECTION_TIMEOUT_SECONDS + 5);

	private final String name;

	private final String topic;

	private final MqttAsyncClient client;

	private final MqttConnectOptions options;

	private final Duration retryInterval;

	private final int maxRetries;

	/** Connects and disconnects, one operation at a time. */
	private final ScheduledThreadPoolExecutor control;

	private final Object monitor = new Object();

	// guarded by monitor

	private @Nullable InputBindingHandler handler;

	private boolean paused;

	/**
	 * How many times the binding paused: a delivery that failed across a pause is left.
	 */
	private int pauses;

	private boolean stopping;

	private boolean delivering;

	/** A message was left unacknowledged: connect again so that the broker resends it. */
	private boolean unacknowledged;

	private int failedConnections;

	/** Whether the client subscribed on its current connection. */
	private volatile boolean subscribed;

	private @Nullable ScheduledFuture<?> scheduled;

	/**
	 * Create a binding.
	 * @param name the component name
	 * @param topic the topic (filter) to subscribe to
	 * @param client the client, not connected; closed with the binding
	 * @param options the connection options (without automatic reconnection: the binding
	 * reconnects)
	 * @param retryInterval the wait before a failed message is delivered again
	 * @param maxRetries how many times a failed message is delivered again, {@code -1}
	 * for no limit
	 */
	Mqtt3InputBinding(String name, String topic, MqttAsyncClient client, MqttConnectOptions options,
			Duration retryInterval, int maxRetries) {
		this.name = name;
		this.topic = topic;
		this.client = client;
		this.options = options;
		this.retryInterval = retryInterval;
		this.maxRetries = maxRetries;
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("bindings-" + name + "-mqtt-");
		threadFactory.setDaemon(true);
		this.control = new ScheduledThreadPoolExecutor(1, threadFactory);
		this.control.setRemoveOnCancelPolicy(true);
		client.setManualAcks(true);
		client.setCallback(new Callback());
	}

	@Override
	public void start(InputBindingHandler handler) {
		synchronized (this.monitor) {
			if (this.handler != null || this.stopping) {
				return;
			}
			this.handler = handler;
		}
		schedule(Duration.ZERO);
	}

	@Override
	public void pause() {
		synchronized (this.monitor) {
			if (this.handler == null || this.stopping) {
				return;
			}
			this.paused = true;
			this.pauses++;
			this.monitor.notifyAll();
		}
		schedule(Duration.ZERO);
	}

	@Override
	public void resume() {
		synchronized (this.monitor) {
			if (this.handler == null || this.stopping) {
				return;
			}
			this.paused = false;
		}
		schedule(Duration.ZERO);
	}

	/**
	 * Run {@link #reconcile()} on the control thread after a delay; one run is pending at
	 * most (the earlier one wins).
	 */
	private void schedule(Duration delay) {
		synchronized (this.monitor) {
			if (this.stopping || this.control.isShutdown()) {
				return;
			}
			ScheduledFuture<?> pending = this.scheduled;
			if (pending != null) {
				if (pending.getDelay(TimeUnit.NANOSECONDS) <= delay.toNanos()) {
					return;
				}
				pending.cancel(false);
			}
			this.scheduled = this.control.schedule(this::reconcile, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Bring the connection where the binding wants it: connected and subscribed while
	 * reading, disconnected while paused; connected again when a message was left
	 * unacknowledged. Runs on the control thread only.
	 */
	private void reconcile() {
		boolean wanted;
		boolean reconnect;
		boolean delivering;
		synchronized (this.monitor) {
			this.scheduled = null;
			if (this.stopping) {
				return;
			}
			wanted = this.handler != null && !this.paused;
			reconnect = this.unacknowledged;
			delivering = this.delivering;
		}
		if (this.client.isConnected() && (!wanted || reconnect)) {
			if (delivering) {
				// the delivery in flight is acknowledged before the connection goes; it
				// schedules this again when it ends
				return;
			}
			disconnect();
		}
		if (wanted && (!this.client.isConnected() || !this.subscribed)) {
			connect();
		}
	}

	private void connect() {
		synchronized (this.monitor) {
			if (this.stopping) {
				return;
			}
			// every message not acknowledged comes again on a new connection
			this.unacknowledged = false;
		}
		try {
			if (!this.client.isConnected()) {
				this.subscribed = false;
				this.client.connect(this.options).waitForCompletion(OPERATION_TIMEOUT.toMillis());
			}
			IMqttToken subscription = this.client.subscribe(this.topic, QOS);
			subscription.waitForCompletion(OPERATION_TIMEOUT.toMillis());
			int[] granted = subscription.getGrantedQos();
			if (granted.length == 0 || granted[0] == 0x80) {
				throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
			}
			this.subscribed = true;
		}
		catch (MqttException | RuntimeException ex) {
			if (isStopping()) {
				return;
			}
			Duration delay = failedConnection();
			logger.warn("Input binding '" + this.name + "': cannot connect to the MQTT broker and subscribe to topic "
					+ this.topic + " as client " + this.client.getClientId() + ": " + Mqtt3Connections.describe(ex)
					+ "; trying again in " + delay.toMillis() + " ms");
			resetConnection();
			schedule(delay);
			return;
		}
		synchronized (this.monitor) {
			this.failedConnections = 0;
		}
		logger.info("Input binding '" + this.name + "': subscribed to topic " + this.topic + " (qos: " + QOS
				+ ") as client " + this.client.getClientId());
		synchronized (this.monitor) {
			if (this.paused || this.unacknowledged) {
				schedule(Duration.ZERO);
			}
		}
	}

	/**
	 * After a failed connection attempt: disconnect a connection without subscription, or
	 * abandon an attempt still in progress.
	 */
	private void resetConnection() {
		if (this.client.isConnected()) {
			disconnect();
			return;
		}
		try {
			this.client.disconnectForcibly(0, 1000, false);
		}
		catch (MqttException ex) {
			// not connecting
		}
	}

	private Duration failedConnection() {
		synchronized (this.monitor) {
			int failures = this.failedConnections++;
			long delay = RECONNECT_DELAY.toMillis() << Math.min(failures, 10);
			return Duration.ofMillis(Math.min(delay, MAX_RECONNECT_DELAY.toMillis()));
		}
	}

	private void disconnect() {
		this.subscribed = false;
		try {
			this.client.disconnect(0).waitForCompletion(OPERATION_TIMEOUT.toMillis());
		}
		catch (MqttException ex) {
			if (ex.getReasonCode() != MqttException.REASON_CODE_CLIENT_ALREADY_DISCONNECTED) {
				logger
					.debug("Input binding '" + this.name + "': disconnecting failed: " + Mqtt3Connections.describe(ex));
			}
		}
	}

	/**
	 * Wait until no delivery is in flight, or the deadline.
	 * @param deadline the deadline ({@link System#nanoTime()})
	 * @return whether no delivery is in flight
	 */
	private boolean awaitIdle(long deadline) {
		synchronized (this.monitor) {
			long left;
			while (this.delivering && (left = deadline - System.nanoTime()) > 0) {
				try {
					this.monitor.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return !this.delivering;
		}
	}

	private boolean isStopping() {
		synchronized (this.monitor) {
			return this.stopping;
		}
	}

	private void messageArrived(String topic, MqttMessage message) {
		InputBindingHandler handler;
		synchronized (this.monitor) {
			handler = this.handler;
			if (handler == null || this.paused || this.stopping) {
				// not acknowledged: the broker sends it again on the next connection
				this.unacknowledged = true;
				handler = null;
			}
			else {
				this.delivering = true;
			}
		}
		if (handler == null) {
			schedule(Duration.ZERO);
			return;
		}
		try {
			deliver(handler, topic, message);
		}
		finally {
			boolean disconnect;
			synchronized (this.monitor) {
				this.delivering = false;
				this.monitor.notifyAll();
				disconnect = this.paused || this.unacknowledged;
			}
			if (disconnect) {
				schedule(Duration.ZERO);
			}
		}
	}

	private void deliver(InputBindingHandler handler, String topic, MqttMessage message) {
		BindingEvent event = new BindingEvent(this.name, message.getPayload(), Map.of("topic", topic));
		for (int attempt = 1;; attempt++) {
			int pauses = pauses();
			Exception failure;
			try {
				handler.handle(event);
				acknowledge(topic, message);
				return;
			}
			catch (Exception ex) {
				failure = ex;
			}
			if (!takingMessagesSince(pauses)) {
				leaveUnacknowledged(topic, message, failure);
				return;
			}
			if (this.maxRetries >= 0 && attempt > this.maxRetries) {
				handler.skipped(event, source(topic, message), failure);
				acknowledge(topic, message);
				return;
			}
			logger.warn("Input binding '" + this.name + "': the application did not process " + source(topic, message)
					+ " (attempt " + attempt + "); it is delivered again in " + this.retryInterval.toMillis() + " ms: "
					+ Mqtt3Connections.describe(failure));
			if (!pauseBeforeRetry(pauses)) {
				leaveUnacknowledged(topic, message, failure);
				return;
			}
		}
	}

	private int pauses() {
		synchronized (this.monitor) {
			return this.pauses;
		}
	}

	/**
	 * Whether the binding takes messages and did not pause since, however briefly: a
	 * failure across a pause may be the application's refusing traffic, and is not
	 * counted.
	 */
	private boolean takingMessagesSince(int pauses) {
		synchronized (this.monitor) {
			return !this.paused && !this.stopping && this.pauses == pauses;
		}
	}

	/**
	 * Wait the retry interval, unless the binding pauses or stops meanwhile.
	 * @param pauses the pauses before the failed attempt
	 * @return whether to deliver again
	 */
	private boolean pauseBeforeRetry(int pauses) {
		long deadline = System.nanoTime() + this.retryInterval.toNanos();
		synchronized (this.monitor) {
			long left;
			while (!this.paused && !this.stopping && this.pauses == pauses
					&& (left = deadline - System.nanoTime()) > 0) {
				try {
					this.monitor.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return !this.paused && !this.stopping && this.pauses == pauses;
		}
	}

	private void leaveUnacknowledged(String topic, MqttMessage message, Exception failure) {
		logger.warn("Input binding '" + this.name + "': the application did not process " + source(topic, message)
				+ " while the binding " + (isStopping() ? "stops" : "pauses")
				+ "; it is not acknowledged and comes again: " + Mqtt3Connections.describe(failure));
		synchronized (this.monitor) {
			this.unacknowledged = true;
		}
		schedule(Duration.ZERO);
	}

	private void acknowledge(String topic, MqttMessage message) {
		try {
			this.client.messageArrivedComplete(message.getId(), message.getQos());
		}
		catch (MqttException | RuntimeException ex) {
			logger.warn("Input binding '" + this.name + "': cannot acknowledge " + source(topic, message)
					+ "; the broker delivers it again: " + Mqtt3Connections.describe(ex));
		}
	}

	/**
	 * Whether the client is connected and subscribed.
	 * @return whether messages can arrive
	 */
	boolean isSubscribed() {
		return this.subscribed && this.client.isConnected();
	}

	/**
	 * The MQTT client ID, {@code <consumerID>-consumer}.
	 * @return the client ID
	 */
	String clientId() {
		return this.client.getClientId();
	}

	private static String source(String topic, MqttMessage message) {
		return "topic " + topic + ", message id " + message.getId();
	}

	@Override
	public void stop(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			if (this.stopping) {
				return;
			}
			this.stopping = true;
			this.monitor.notifyAll();
		}
		// ends a connection attempt in progress
		this.control.shutdownNow();
		boolean idle = awaitIdle(deadline);
		if (!idle) {
			logger.warn("Input binding '" + this.name + "': a delivery was still in flight after " + timeout.toMillis()
					+ " ms; its message is not acknowledged and comes again");
		}
		if (this.client.isConnected()) {
			try {
				long left = Math.max(deadline - System.nanoTime(), DISCONNECT_TIMEOUT.toNanos());
				this.client.disconnect(0).waitForCompletion(left / 1_000_000);
			}
			catch (MqttException ex) {
				// closing anyway
			}
		}
		close(idle);
	}

	private void close(boolean idle) {
		try {
			this.client.close(true);
			return;
		}
		catch (MqttException ex) {
			if (!idle) {
				// a delivery in flight holds the client's callback thread; it closes once
				// the delivery returns
				logger.debug("Input binding '" + this.name + "': the client closes after the delivery in flight: "
						+ Mqtt3Connections.describe(ex));
				return;
			}
		}
		try {
			// still connecting or connected
			this.client.disconnectForcibly(0, DISCONNECT_TIMEOUT.toMillis(), false);
			this.client.close(true);
		}
		catch (MqttException ex) {
			logger.debug(
					"Input binding '" + this.name + "': closing the client failed: " + Mqtt3Connections.describe(ex));
		}
	}

	/**
	 * The client's callbacks: messages are delivered on the client's callback thread; a
	 * lost connection is connected again by the binding.
	 */
	private final class Callback implements MqttCallback {

		@Override
		public void connectionLost(Throwable cause) {
			Mqtt3InputBinding binding = Mqtt3InputBinding.this;
			binding.subscribed = false;
			Duration delay = binding.failedConnection();
			logger.warn("Input binding '" + binding.name + "': the connection to the MQTT broker was lost: "
					+ Mqtt3Connections.describe(cause) + "; connecting again in " + delay.toMillis() + " ms");
			binding.schedule(delay);
		}

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			Mqtt3InputBinding.this.messageArrived(topic, message);
		}

		@Override
		public void deliveryComplete(IMqttDeliveryToken token) {
			// this client publishes nothing
		}

	}

}
