package dev.bindings.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.bindings.BindingEvent;
import dev.bindings.DeliveryFailedException;
import dev.bindings.InputBinding;
import dev.bindings.InputBindingHandler;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.InputBindingFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * The input side of {@link InMemoryBindings}: input bindings that read nothing, into
 * which a test delivers events with {@link InMemoryBindings#deliver}. Each event takes
 * the application's real delivery path: its {@code @BindingListener} method, or its route
 * (probed as daprd does) on the application's server.
 */
final class InMemoryInputBindings implements InputBindingFactory, Ordered {

	/** The types this starter reads events from. */
	private static final Set<String> INPUT_TYPES = Set.of("bindings.kafka", "bindings.cron", "bindings.rabbitmq",
			"bindings.mqtt3");

	private final boolean allTypes;

	private final Map<String, InMemoryInputBinding> bindings = new ConcurrentHashMap<>();

	InMemoryInputBindings(boolean allTypes) {
		this.allTypes = allTypes;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public String type() {
		return InMemoryBindings.TYPE;
	}

	@Override
	public boolean supports(ComponentDefinition component) {
		String type = component.normalizedType();
		return InMemoryBindings.TYPE.equals(type) || (this.allTypes && INPUT_TYPES.contains(type));
	}

	/**
	 * As the real types decide: a Kafka component without {@code direction} reads only
	 * when it has {@code topics}.
	 * @param component the component
	 * @return whether the component has an input side
	 */
	@Override
	public boolean impliesInput(ComponentDefinition component) {
		if (!component.normalizedType().equals("bindings.kafka")) {
			return true;
		}
		for (Map.Entry<String, String> entry : component.metadata().entrySet()) {
			if (entry.getKey().equalsIgnoreCase("topics") && !entry.getValue().isBlank()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public InputBinding create(ComponentDefinition component) {
		InMemoryInputBinding binding = new InMemoryInputBinding(component.name());
		this.bindings.put(component.name(), binding);
		return binding;
	}

	/**
	 * Deliver an event as the binding would, and wait for the application's answer.
	 * @param binding the binding name
	 * @param data the event's bytes
	 * @param metadata the event's metadata
	 * @throws DeliveryFailedException if the application did not process the event, or
	 * the binding does not read (no such in-memory input binding, not started)
	 */
	void deliver(String binding, byte[] data, Map<String, String> metadata) {
		InMemoryInputBinding input = this.bindings.get(binding);
		if (input == null) {
			throw new DeliveryFailedException("'" + binding + "' is not an in-memory input binding (in-memory input"
					+ " bindings: " + this.bindings.keySet() + ")");
		}
		input.deliver(new BindingEvent(binding, data, metadata));
	}

	private static final class InMemoryInputBinding implements InputBinding {

		private final String name;

		private volatile @Nullable InputBindingHandler handler;

		private volatile boolean paused;

		InMemoryInputBinding(String name) {
			this.name = name;
		}

		void deliver(BindingEvent event) {
			InputBindingHandler handler = this.handler;
			if (handler == null) {
				throw new DeliveryFailedException("input binding '" + this.name + "' does not read: it has no "
						+ "@BindingListener method and no subscribed route, or the application is not ready "
						+ "(see the bindings actuator endpoint or the log)");
			}
			if (this.paused) {
				throw new DeliveryFailedException(
						"input binding '" + this.name + "' is paused: the application refuses traffic");
			}
			try {
				handler.handle(event);
			}
			catch (DeliveryFailedException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new DeliveryFailedException("the application did not process the event: " + ex, ex);
			}
		}

		@Override
		public void start(InputBindingHandler handler) {
			this.handler = handler;
		}

		@Override
		public void pause() {
			this.paused = true;
		}

		@Override
		public void resume() {
			this.paused = false;
		}

		@Override
		public void stop(Duration timeout) {
			this.handler = null;
		}

	}

}
