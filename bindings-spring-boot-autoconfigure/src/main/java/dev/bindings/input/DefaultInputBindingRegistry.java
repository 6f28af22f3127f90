package dev.bindings.input;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.bindings.InputBinding;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.observation.InputBindingObservationConvention;
import dev.bindings.registry.BindingCreation;
import dev.bindings.registry.BindingDirections;
import dev.bindings.registry.InputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import dev.bindings.support.Failures;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * Creates the input bindings of the loaded components and owns their lifecycle, as daprd
 * does for its input bindings:
 * <ul>
 * <li>A component of a {@code bindings.*} type gets an input binding when an
 * {@link InputBindingFactory} supports its type and its {@code direction} allows input
 * ({@link BindingDirections}). The bindings are created at startup, so that invalid
 * metadata stops the application, naming the component.</li>
 * <li>Each binding is delivered one way: to its {@link dev.bindings.BindingListener}
 * method when it has one, otherwise to the route {@code /<route>} (metadata
 * {@code route}, exact name, or the component name) of the application's own server,
 * probed first with {@code OPTIONS} unless the {@code direction} names {@code input} (2xx
 * or 405 means subscribed).</li>
 * <li>Bindings start reading only when the application is ready to take traffic, pause
 * while it refuses traffic, and stop (no new events, no further attempt of a delivery
 * waiting to be retried, deliveries in flight finished within {@code shutdownTimeout},
 * what was processed acknowledged) before the web server shuts down: this lifecycle's
 * phase is above the web server's graceful shutdown.</li>
 * </ul>
 */
public class DefaultInputBindingRegistry
		implements InputBindingRegistry, SmartLifecycle, SmartInitializingSingleton, DisposableBean {

	/**
	 * The lifecycle phase: stopped before the web server's graceful shutdown
	 * ({@code Integer.MAX_VALUE - 1024}) and before Dapr's API listeners, so that route
	 * deliveries in flight finish on a server that still answers.
	 */
	public static final int PHASE = Integer.MAX_VALUE - 512;

	private static final Log logger = LogFactory.getLog(DefaultInputBindingRegistry.class);

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final Settings settings;

	private final Object monitor = new Object();

	private volatile @Nullable AppChannel appChannel;

	private volatile boolean noWebServer;

	private volatile boolean running;

	private volatile boolean ready;

	private volatile boolean stopped;

	/**
	 * Create the input bindings of the given components.
	 * @param components the component definitions, in load order
	 * @param factories the input binding types
	 * @param unavailableTypes the types whose client library is missing
	 * @param settings the registry's settings
	 */
	public DefaultInputBindingRegistry(List<ComponentDefinition> components, List<InputBindingFactory> factories,
			List<UnavailableBindingType> unavailableTypes, Settings settings) {
		this.settings = settings;
		try {
			for (ComponentDefinition component : components) {
				if (!component.normalizedType().startsWith("bindings.") || !BindingDirections.allowsInput(component)) {
					continue;
				}
				InputBindingFactory factory = findFactory(component, factories);
				if (factory == null && !BindingDirections.namesInput(component)) {
					// an output binding type, or one that fails as an output binding
					continue;
				}
				if (factory != null && !BindingDirections.isExplicit(component) && !factory.impliesInput(component)) {
					logger.debug("Component " + component.logName() + " has nothing to read; no input binding");
					continue;
				}
				String route = route(component);
				InputBinding binding = create(component, factory, factories, unavailableTypes);
				if (binding != null) {
					this.entries.put(component.name(), new Entry(component, binding, route));
				}
			}
		}
		catch (RuntimeException ex) {
			destroy();
			throw ex;
		}
	}

	private static @Nullable InputBindingFactory findFactory(ComponentDefinition component,
			List<InputBindingFactory> factories) {
		for (InputBindingFactory factory : factories) {
			if (factory.supports(component)) {
				return factory;
			}
		}
		return null;
	}

	private static @Nullable InputBinding create(ComponentDefinition component, @Nullable InputBindingFactory factory,
			List<InputBindingFactory> factories, List<UnavailableBindingType> unavailableTypes) {
		InputBinding binding = BindingCreation.create(component, "input binding",
				(factory != null) ? factory::create : null, unavailableTypes,
				() -> "Use an input binding type (available: "
						+ BindingCreation.available(factories, InputBindingFactory::type, InputBindingFactory::versions)
						+ "), remove 'input' from the component's direction, or set ignoreErrors: true.",
				logger);
		if (binding != null) {
			logger.info("successful init for input binding (" + component.logName() + ") from " + component.origin());
		}
		return binding;
	}

	/**
	 * daprd's route: the metadata item named exactly {@code route}, else the component
	 * name, with a {@code /} in front when it has none.
	 */
	private static String route(ComponentDefinition component) {
		String route = component.metadata().get("route");
		if (route == null || route.isEmpty()) {
			route = component.name();
		}
		if (!route.startsWith("/")) {
			route = "/" + route;
		}
		try {
			URI uri = URI.create("http://127.0.0.1" + route);
			if (uri.getRawPath() == null || uri.getRawFragment() != null) {
				throw new IllegalArgumentException("not a path");
			}
		}
		catch (IllegalArgumentException ex) {
			throw new ComponentConfigurationException(component.name(), component.origin(),
					"the route of input binding " + component.logName() + " is not a valid URL path",
					"Set metadata 'route' to a path such as /orders (characters outside a URL path percent-encoded).",
					null);
		}
		return route;
	}

	/**
	 * Take the handler methods and decide how each binding is delivered; a handler method
	 * naming no input binding stops startup.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		Map<String, BindingListenerMethod> methods = this.settings.listeners().methods();
		for (Map.Entry<String, BindingListenerMethod> method : methods.entrySet()) {
			if (!this.entries.containsKey(method.getKey())) {
				throw new IllegalStateException("@BindingListener method " + method.getValue().description()
						+ " names '" + method.getKey() + "', which is not an input binding of this application"
						+ " (input bindings: " + this.entries.keySet() + ")");
			}
		}
		for (Entry entry : this.entries.values()) {
			BindingListenerMethod method = methods.get(entry.definition.name());
			Delivery delivery = (method != null) ? new HandlerDelivery(method, this.settings.jsonMapper())
					: new RouteDelivery(entry.route, !BindingDirections.namesInput(entry.definition),
							() -> this.appChannel);
			entry.handler = new DeliveringHandler(entry.definition.name(), entry.definition.type(), delivery,
					this.settings.deliveryPolicies().create(entry.definition), this.settings.observationRegistry(),
					this.settings.convention(), this.settings.recorder());
		}
	}

	/**
	 * Use the application's own server for route deliveries (called once it listens).
	 * @param channel the channel to the server
	 */
	void appChannel(AppChannel channel) {
		this.appChannel = channel;
	}

	/**
	 * Record that the application has no server routes can be delivered to (the server
	 * uses TLS).
	 * @param reason why, for the log
	 */
	void noAppChannel(String reason) {
		this.noWebServer = true;
		logger.warn("Input bindings delivered to routes cannot be delivered: " + reason
				+ "; use @BindingListener methods for them");
	}

	/**
	 * The application's readiness changed: start or resume the bindings when it accepts
	 * traffic, pause them when it refuses traffic.
	 * @param acceptingTraffic whether the application accepts traffic
	 */
	public void readinessChanged(boolean acceptingTraffic) {
		synchronized (this.monitor) {
			this.ready = acceptingTraffic;
			if (!this.running || this.stopped) {
				return;
			}
			for (Entry entry : this.entries.values()) {
				if (acceptingTraffic) {
					activate(entry);
				}
				else {
					pause(entry);
				}
			}
		}
	}

	private void activate(Entry entry) {
		DeliveringHandler handler = entry.handler;
		if (handler == null || entry.state == InputBindingState.RUNNING) {
			return;
		}
		String name = entry.definition.name();
		if (handler.delivery() instanceof RouteDelivery route) {
			AppChannel channel = this.appChannel;
			if (channel == null) {
				if (entry.state != InputBindingState.INACTIVE) {
					logger.warn("Input binding '" + name + "' has no @BindingListener method and "
							+ (this.noWebServer ? "its route cannot be reached"
									: "the application has no web server to deliver its events to")
							+ ": it reads nothing");
				}
				entry.state = InputBindingState.INACTIVE;
				return;
			}
			if (!BindingDirections.namesInput(entry.definition) && !subscribed(entry, channel, route.route())) {
				return;
			}
		}
		try {
			if (entry.started) {
				entry.binding.resume();
			}
			else {
				entry.binding.start(handler);
				entry.started = true;
			}
			entry.state = InputBindingState.RUNNING;
			logger.info("Input binding '" + name + "' (" + entry.definition.type() + ") is reading; events go to the "
					+ handler.delivery().description());
		}
		catch (RuntimeException ex) {
			entry.state = InputBindingState.INACTIVE;
			logger.error("Input binding '" + name + "' cannot start reading: " + Failures.describe(ex), ex);
		}
	}

	private boolean subscribed(Entry entry, AppChannel channel, String route) {
		String name = entry.definition.name();
		int status;
		try {
			status = channel.probe(route);
		}
		catch (Exception ex) {
			entry.state = InputBindingState.INACTIVE;
			logger.warn("failed to read from bindings: could not invoke OPTIONS method on input binding subscription "
					+ "endpoint \"" + route + "\": " + Failures.describe(ex) + " (input binding '" + name
					+ "' reads nothing until the application's readiness changes)");
			return false;
		}
		if (status / 100 == 2 || status == 405) {
			return true;
		}
		entry.state = InputBindingState.NOT_SUBSCRIBED;
		logger.info("app has not subscribed to binding " + name + ". (OPTIONS " + route + " answered " + status
				+ "; add a route for it, a @BindingListener method, or direction: input)");
		return false;
	}

	private void pause(Entry entry) {
		if (entry.state == InputBindingState.RUNNING) {
			try {
				entry.binding.pause();
			}
			catch (RuntimeException ex) {
				logger.warn("Input binding '" + entry.definition.name() + "' cannot pause: " + Failures.describe(ex));
			}
			entry.state = InputBindingState.PAUSED;
		}
	}

	@Override
	public List<InputBindingStatus> inputBindings() {
		List<InputBindingStatus> statuses = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			ComponentDefinition definition = entry.definition;
			DeliveringHandler handler = entry.handler;
			String delivery = (handler != null) ? handler.delivery().description() : "route " + entry.route;
			statuses.add(new InputBindingStatus(definition.name(), definition.type(), definition.version(),
					definition.origin(), List.copyOf(definition.metadata().keySet()), definition.scopes(), delivery,
					entry.state, (handler != null) ? handler.lastFailure() : null));
		}
		return statuses;
	}

	/**
	 * The names of the input bindings, in load order.
	 * @return the names
	 */
	public List<String> names() {
		return List.copyOf(this.entries.keySet());
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			this.running = true;
			if (this.ready && !this.stopped) {
				for (Entry entry : this.entries.values()) {
					activate(entry);
				}
			}
		}
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			this.running = false;
		}
		Duration timeout = this.settings.shutdownTimeout();
		List<CompletableFuture<Void>> stops = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			CompletableFuture<Void> stop = new CompletableFuture<>();
			Thread thread = new Thread(() -> {
				try {
					stop(entry, timeout);
				}
				finally {
					stop.complete(null);
				}
			}, "bindings-input-stop-" + entry.definition.name());
			thread.setDaemon(true);
			thread.start();
			stops.add(stop);
		}
		try {
			CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Input bindings did not all stop within " + timeout.toMillis() + " ms");
		}
	}

	private void stop(Entry entry, Duration timeout) {
		entry.state = InputBindingState.STOPPING;
		DeliveringHandler handler = entry.handler;
		if (handler != null) {
			// a delivery waiting for its next attempt ends now: the binding's stop is not
			// held up by a retry policy
			handler.stopping();
		}
		try {
			entry.binding.stop(entry.started ? timeout : Duration.ZERO);
		}
		catch (RuntimeException ex) {
			logger
				.warn("Input binding '" + entry.definition.name() + "' did not stop cleanly: " + Failures.describe(ex));
		}
		if (handler != null) {
			handler.close();
		}
		entry.state = InputBindingState.STOPPED;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Release the bindings if the lifecycle never stopped them (a failed startup).
	 */
	@Override
	public void destroy() {
		if (!this.stopped) {
			this.stopped = true;
			for (Entry entry : this.entries.values()) {
				stop(entry, Duration.ZERO);
			}
		}
	}

	/**
	 * One input binding and its delivery.
	 */
	private static final class Entry {

		private final ComponentDefinition definition;

		private final InputBinding binding;

		private final String route;

		private volatile @Nullable DeliveringHandler handler;

		private volatile InputBindingState state = InputBindingState.CREATED;

		private volatile boolean started;

		Entry(ComponentDefinition definition, InputBinding binding, String route) {
			this.definition = definition;
			this.binding = binding;
			this.route = route;
		}

	}

	/**
	 * What the registry needs besides the components.
	 *
	 * @param listeners the {@link dev.bindings.BindingListener} methods
	 * @param jsonMapper reads the arguments of handler methods that take a JSON type
	 * @param observationRegistry observes every delivery
	 * @param convention a custom observation convention, or {@code null}
	 * @param recorder counts the events the bindings give up on
	 * @param shutdownTimeout how long deliveries in flight may take to finish on shutdown
	 * @param deliveryPolicies the policy each binding's deliveries run under (inbound
	 * resiliency)
	 */
	public record Settings(BindingListenerMethodProcessor listeners, Supplier<JsonMapper> jsonMapper,
			ObservationRegistry observationRegistry, @Nullable InputBindingObservationConvention convention,
			UnprocessedEventRecorder recorder, Duration shutdownTimeout, DeliveryPolicyFactory deliveryPolicies) {

	}

}
