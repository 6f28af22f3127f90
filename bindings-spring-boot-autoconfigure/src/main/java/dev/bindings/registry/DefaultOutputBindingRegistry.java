package dev.bindings.registry;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.bindings.BindingNotFoundException;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Creates one binding per output-binding component at construction and closes them on
 * {@link #destroy()}. A component of an unknown type or version, or one whose factory
 * fails, stops startup with a message naming the component and its origin, unless the
 * component sets {@code ignoreErrors: true}, in which case it is logged and skipped, as
 * daprd does. For a type without a factory, the message names the dependency to add when
 * an {@link UnavailableBindingType} names one, and the available types otherwise.
 */
public class DefaultOutputBindingRegistry implements OutputBindingRegistry, DisposableBean {

	private static final Log logger = LogFactory.getLog(DefaultOutputBindingRegistry.class);

	private final Map<String, OutputBinding> bindings = new ConcurrentHashMap<>();

	/** The bindings as their factories created them, which the registry closes. */
	private final Map<String, OutputBinding> created = new ConcurrentHashMap<>();

	private final Map<String, ComponentDefinition> definitions = new LinkedHashMap<>();

	/**
	 * Create the bindings of the given components.
	 * @param components the component definitions; those whose type is not an output
	 * binding type ({@code bindings.*}) are skipped
	 * @param factories the available binding types
	 */
	public DefaultOutputBindingRegistry(List<ComponentDefinition> components, List<OutputBindingFactory> factories) {
		this(components, factories, List.of());
	}

	/**
	 * Create the bindings of the given components.
	 * @param components the component definitions; those whose type is not an output
	 * binding type ({@code bindings.*}) are skipped
	 * @param factories the available binding types
	 * @param decorators applied to every binding, in order
	 */
	public DefaultOutputBindingRegistry(List<ComponentDefinition> components, List<OutputBindingFactory> factories,
			List<OutputBindingDecorator> decorators) {
		this(components, factories, decorators, List.of());
	}

	/**
	 * Create the bindings of the given components.
	 * @param components the component definitions; those whose type is not an output
	 * binding type ({@code bindings.*}) are skipped
	 * @param factories the available binding types
	 * @param decorators applied to every binding, in order
	 * @param unavailableTypes the types whose client library is missing, with the
	 * dependency to add; named in the failure of a component of such a type
	 */
	public DefaultOutputBindingRegistry(List<ComponentDefinition> components, List<OutputBindingFactory> factories,
			List<OutputBindingDecorator> decorators, List<UnavailableBindingType> unavailableTypes) {
		this(components, factories, decorators, unavailableTypes, List.of());
	}

	/**
	 * Create the bindings of the given components.
	 * @param components the component definitions; those whose type is not an output
	 * binding type ({@code bindings.*}) are skipped
	 * @param factories the available binding types
	 * @param decorators applied to every binding, in order
	 * @param unavailableTypes the types whose client library is missing, with the
	 * dependency to add; named in the failure of a component of such a type
	 * @param inputFactories the input binding types: a component of a type that only they
	 * support (such as {@code bindings.cron}) is an input binding only, as in daprd
	 */
	public DefaultOutputBindingRegistry(List<ComponentDefinition> components, List<OutputBindingFactory> factories,
			List<OutputBindingDecorator> decorators, List<UnavailableBindingType> unavailableTypes,
			List<InputBindingFactory> inputFactories) {
		try {
			for (ComponentDefinition component : components) {
				if (!component.normalizedType().startsWith("bindings.")) {
					logger.debug("Component " + component.logName() + " is not a binding; skipping it");
					continue;
				}
				if (isInputOnly(component) || isInputOnlyType(component, factories, inputFactories)) {
					logger.info("Component " + component.logName() + " is an input binding only; skipping it");
					continue;
				}
				OutputBinding binding = create(component, factories, unavailableTypes);
				if (binding != null) {
					this.created.put(component.name(), binding);
					for (OutputBindingDecorator decorator : decorators) {
						binding = decorator.decorate(component, binding);
					}
					this.bindings.put(component.name(), binding);
					this.definitions.put(component.name(), component);
				}
			}
		}
		catch (RuntimeException ex) {
			destroy();
			throw ex;
		}
	}

	private static boolean isInputOnly(ComponentDefinition component) {
		for (Map.Entry<String, String> entry : component.metadata().entrySet()) {
			if (entry.getKey().equalsIgnoreCase("direction")) {
				for (String direction : entry.getValue().split(",")) {
					if (direction.trim().equalsIgnoreCase("output")) {
						return false;
					}
				}
				return !entry.getValue().isBlank();
			}
		}
		return false;
	}

	private static boolean isInputOnlyType(ComponentDefinition component, List<OutputBindingFactory> factories,
			List<InputBindingFactory> inputFactories) {
		if (findFactory(component, factories) != null) {
			return false;
		}
		for (InputBindingFactory factory : inputFactories) {
			if (factory.supports(component)) {
				return true;
			}
		}
		return false;
	}

	private @Nullable OutputBinding create(ComponentDefinition component, List<OutputBindingFactory> factories,
			List<UnavailableBindingType> unavailableTypes) {
		OutputBindingFactory factory = findFactory(component, factories);
		OutputBinding binding = BindingCreation.create(component, "binding", (factory != null) ? factory::create : null,
				unavailableTypes,
				() -> "Use a supported type and version (available: "
						+ BindingCreation.available(factories, OutputBindingFactory::type,
								OutputBindingFactory::versions)
						+ "), register an OutputBindingFactory bean for it, or set ignoreErrors: true.",
				logger);
		if (binding != null) {
			logger.info("Created output binding " + component.logName() + " from " + component.origin());
		}
		return binding;
	}

	private static @Nullable OutputBindingFactory findFactory(ComponentDefinition component,
			List<OutputBindingFactory> factories) {
		for (OutputBindingFactory factory : factories) {
			if (factory.supports(component)) {
				return factory;
			}
		}
		return null;
	}

	@Override
	public @Nullable OutputBinding find(String name) {
		return this.bindings.get(name);
	}

	@Override
	public CompletableFuture<Void> ping(String name) {
		OutputBinding binding = this.created.get(name);
		return (binding != null) ? binding.ping() : CompletableFuture.failedFuture(new BindingNotFoundException(name));
	}

	@Override
	public @Nullable ComponentDefinition definition(String name) {
		return this.definitions.get(name);
	}

	@Override
	public Collection<ComponentDefinition> definitions() {
		return Collections.unmodifiableCollection(this.definitions.values());
	}

	@Override
	public void destroy() {
		// requests that arrive from now on get a clear error, not a resurrected client
		this.bindings.replaceAll((name, binding) -> new ClosedBinding(binding.operations()));
		for (Map.Entry<String, OutputBinding> entry : this.created.entrySet()) {
			if (entry.getValue() instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					logger.warn("Failed to close output binding '" + entry.getKey() + "'", ex);
				}
			}
		}
		this.created.clear();
	}

	/**
	 * Stands in for a binding once the registry is closed.
	 */
	private record ClosedBinding(List<String> operations) implements OutputBinding {

		@Override
		public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
			return CompletableFuture
				.failedFuture(new IllegalStateException("the binding is closed: the application is shutting down"));
		}

	}

}
