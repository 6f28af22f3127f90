package dev.bindings.input;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.bindings.BindingEvent;
import dev.bindings.InputBinding;
import dev.bindings.InputBindingHandler;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.InputBindingFactory;
import org.jspecify.annotations.Nullable;

/**
 * An input binding type for tests, {@code bindings.test.manual}: it reads nothing by
 * itself; a test hands it events with {@link #deliver}, which go through the registry's
 * real delivery (observation, route or handler method) and return or throw as the
 * application answered.
 */
public class ManualInputBindingFactory implements InputBindingFactory {

	/** The type. */
	public static final String TYPE = "bindings.test.manual";

	private final Map<String, Manual> bindings = new ConcurrentHashMap<>();

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public InputBinding create(ComponentDefinition component) {
		Manual binding = new Manual();
		this.bindings.put(component.name(), binding);
		return binding;
	}

	/**
	 * Hand an event to a binding's handler.
	 * @param name the binding
	 * @param data the bytes
	 * @param metadata the metadata
	 * @throws Exception what the delivery threw
	 */
	public void deliver(String name, byte[] data, Map<String, String> metadata) throws Exception {
		Manual binding = this.bindings.get(name);
		InputBindingHandler handler = (binding != null) ? binding.handler : null;
		if (binding == null || handler == null || binding.paused) {
			throw new IllegalStateException("input binding '" + name + "' does not read");
		}
		handler.handle(new BindingEvent(name, data, metadata));
	}

	/**
	 * Whether a binding was started (and not stopped).
	 * @param name the binding
	 * @return whether it reads
	 */
	public boolean reading(String name) {
		Manual binding = this.bindings.get(name);
		return binding != null && binding.handler != null && !binding.paused;
	}

	/**
	 * The handler a binding got, to report skipped events.
	 * @param name the binding
	 * @return the handler
	 */
	public InputBindingHandler handler(String name) {
		Manual binding = this.bindings.get(name);
		InputBindingHandler handler = (binding != null) ? binding.handler : null;
		if (handler == null) {
			throw new IllegalStateException("input binding '" + name + "' was not started");
		}
		return handler;
	}

	private static final class Manual implements InputBinding {

		private volatile @Nullable InputBindingHandler handler;

		private volatile boolean paused;

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
