package dev.bindings.mqtt3;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A {@code bindings.mqtt3} component: operation {@code create} publishes the data bytes
 * with QoS 1 to the request metadata's {@code topic}, or else the component's, and
 * completes when the broker acknowledged the message (PUBACK).
 * <p>
 * As in Dapr, the client connects on the first request (so a broker that is down does not
 * stop startup) and reconnects automatically afterwards; a failed publish is tried 3 more
 * times, 200 ms apart, and each try waits at most 10 seconds. Errors read as Dapr's:
 * {@code failed to create producer connection: failed to connect: ...} and
 * {@code failed to publish: ...}.
 */
final class Mqtt3OutputBinding implements OutputBinding, AutoCloseable {

	private static final List<String> OPERATIONS = List.of("create");

	private static final int QOS = 1;

	private static final int RETRIES = 3;

	private static final Duration RETRY_INTERVAL = Duration.ofMillis(200);

	private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

	private final Mqtt3BindingMetadata metadata;

	private final MqttAsyncClient client;

	private final MqttConnectOptions options;

	private final ScheduledExecutorService scheduler;

	private final Set<CompletableFuture<BindingResponse>> pending = ConcurrentHashMap.newKeySet();

	private final Object connectionMonitor = new Object();

	private @Nullable CompletableFuture<Void> connection;

	private volatile boolean closed;

	/**
	 * Create a binding.
	 * @param name the component name, for thread names
	 * @param metadata the component metadata
	 * @param client the client, not connected yet; closed with the binding
	 * @param options the connection options
	 */
	Mqtt3OutputBinding(String name, Mqtt3BindingMetadata metadata, MqttAsyncClient client, MqttConnectOptions options) {
		this.metadata = metadata;
		this.client = client;
		this.options = options;
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("bindings-" + name + "-");
		threadFactory.setDaemon(true);
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threadFactory);
		scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler = scheduler;
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		if (this.closed) {
			return CompletableFuture.failedFuture(new InvocationFailedException("mqtt client closed"));
		}
		String topic = request.metadata().get("topic");
		if (topic == null || topic.isEmpty()) {
			topic = this.metadata.topic();
		}
		byte[] data = request.data();
		MqttMessage message = new MqttMessage((data != null) ? data : new byte[0]);
		message.setQos(QOS);
		message.setRetained(this.metadata.retain());
		String destination = topic;
		CompletableFuture<BindingResponse> result = new CompletableFuture<>();
		this.pending.add(result);
		result.whenComplete((response, failure) -> this.pending.remove(result));
		connect().whenComplete((connected, failure) -> {
			if (failure != null) {
				result.completeExceptionally(
						new InvocationFailedException("failed to create producer connection: failed to connect: "
								+ Mqtt3Connections.describe(failure), failure));
			}
			else {
				publish(destination, message, result, 0);
			}
		});
		return result;
	}

	private CompletableFuture<Void> connect() {
		synchronized (this.connectionMonitor) {
			CompletableFuture<Void> current = this.connection;
			if (current != null && !current.isCompletedExceptionally()) {
				return current;
			}
			CompletableFuture<Void> connecting = new CompletableFuture<>();
			this.connection = connecting;
			try {
				this.client.connect(this.options, null, new IMqttActionListener() {

					@Override
					public void onSuccess(IMqttToken token) {
						connecting.complete(null);
					}

					@Override
					public void onFailure(IMqttToken token, Throwable failure) {
						connecting.completeExceptionally(failure);
					}

				});
			}
			catch (MqttException | RuntimeException ex) {
				connecting.completeExceptionally(ex);
			}
			return connecting;
		}
	}

	private void publish(String topic, MqttMessage message, CompletableFuture<BindingResponse> result, int attempt) {
		if (result.isDone()) {
			return;
		}
		AtomicBoolean settled = new AtomicBoolean();
		try {
			ScheduledFuture<?> timeout = this.scheduler.schedule(() -> {
				if (settled.compareAndSet(false, true)) {
					retryOrFail(topic, message, result, attempt, new InvocationFailedException("mqtt client timeout"));
				}
			}, PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			this.client.publish(topic, message, null, new IMqttActionListener() {

				@Override
				public void onSuccess(IMqttToken token) {
					if (settled.compareAndSet(false, true)) {
						timeout.cancel(false);
						result.complete(BindingResponse.noContent());
					}
				}

				@Override
				public void onFailure(IMqttToken token, Throwable failure) {
					if (settled.compareAndSet(false, true)) {
						timeout.cancel(false);
						retryOrFail(topic, message, result, attempt, failure);
					}
				}

			});
		}
		catch (IllegalArgumentException ex) {
			// an invalid topic: trying again cannot help
			settled.set(true);
			result.completeExceptionally(
					new InvocationFailedException("failed to publish: " + Mqtt3Connections.describe(ex), ex));
		}
		catch (MqttException | RuntimeException ex) {
			if (settled.compareAndSet(false, true)) {
				retryOrFail(topic, message, result, attempt, ex);
			}
		}
	}

	private void retryOrFail(String topic, MqttMessage message, CompletableFuture<BindingResponse> result, int attempt,
			Throwable failure) {
		if (attempt < RETRIES && !this.closed) {
			try {
				this.scheduler.schedule(() -> publish(topic, message, result, attempt + 1), RETRY_INTERVAL.toMillis(),
						TimeUnit.MILLISECONDS);
				return;
			}
			catch (RejectedExecutionException ex) {
				// closed meanwhile
			}
		}
		String reason = this.closed ? "mqtt client closed" : Mqtt3Connections.describe(failure);
		result.completeExceptionally(new InvocationFailedException("failed to publish: " + reason, failure));
	}

	/**
	 * The MQTT client of this binding.
	 * @return the client
	 */
	MqttAsyncClient getClient() {
		return this.client;
	}

	@Override
	public void close() {
		this.closed = true;
		this.scheduler.shutdownNow();
		try {
			if (this.client.isConnected()) {
				this.client.disconnect(200).waitForCompletion(1000);
			}
		}
		catch (MqttException ex) {
			// closing anyway
		}
		try {
			this.client.close(true);
		}
		catch (MqttException ex) {
			// nothing more to do
		}
		for (CompletableFuture<BindingResponse> result : this.pending) {
			result.completeExceptionally(new InvocationFailedException("failed to publish: mqtt client closed"));
		}
	}

}
