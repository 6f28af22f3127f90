package dev.bindings.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.support.Secrets;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Creates a component's binding with its type's factory, the one way for both directions:
 * a type nobody serves names the dependency to add (or the available types), a type's
 * failure becomes a {@link ComponentConfigurationException} with secret values masked,
 * and {@code ignoreErrors} turns either into a WARN and no binding.
 */
public final class BindingCreation {

	private BindingCreation() {
	}

	/**
	 * Create a component's binding.
	 * @param <B> the binding type
	 * @param component the component
	 * @param kind what is created, in daprd's words ({@code binding},
	 * {@code input binding})
	 * @param factory the create method of the factory that serves the component, or
	 * {@code null} when none does
	 * @param unavailableTypes the types whose client library is missing
	 * @param noTypeHint what to do when no factory serves the type and no dependency is
	 * known
	 * @param logger where an ignored failure is logged
	 * @return the binding, or {@code null} when the component failed and has
	 * {@code ignoreErrors}
	 * @throws ComponentConfigurationException when the component failed
	 */
	public static <B> @Nullable B create(ComponentDefinition component, String kind, @Nullable Factory<B> factory,
			List<UnavailableBindingType> unavailableTypes, Supplier<String> noTypeHint, Log logger) {
		try {
			if (factory == null) {
				String dependency = dependency(component, unavailableTypes);
				throw new ComponentConfigurationException(component.name(), component.origin(),
						"couldn't find " + kind + " " + component.logName(), (dependency != null)
								? "Add the dependency " + dependency + " to the application." : noTypeHint.get(),
						null);
			}
			try {
				return factory.create(component);
			}
			catch (ComponentConfigurationException ex) {
				throw ex;
			}
			catch (Exception ex) {
				// a type's message may quote a metadata value: secret ones are masked
				Secrets secrets = Secrets.of(component.secretValues().toArray(new String[0]));
				throw new ComponentConfigurationException(component.name(), component.origin(),
						"cannot create " + kind + " " + component.logName() + ": " + secrets.describe(ex),
						"Correct the component's metadata.", secrets.safeCause(ex));
			}
		}
		catch (ComponentConfigurationException ex) {
			if (component.ignoreErrors()) {
				logger.warn("Ignoring component " + component.logName() + " (ignoreErrors is set): " + ex.getMessage());
				return null;
			}
			throw ex;
		}
	}

	/**
	 * The types the given factories serve, for a message: {@code bindings.kafka/v1, ...}.
	 * @param <F> the factory type
	 * @param factories the factories
	 * @param type a factory's type
	 * @param versions a factory's versions
	 * @return the types, or {@code none}
	 */
	public static <F> String available(List<F> factories, Function<F, String> type,
			Function<F, List<String>> versions) {
		List<String> types = new ArrayList<>();
		for (F factory : factories) {
			types.add(type.apply(factory) + "/" + String.join("|", versions.apply(factory)));
		}
		return types.isEmpty() ? "none" : String.join(", ", types);
	}

	private static @Nullable String dependency(ComponentDefinition component,
			List<UnavailableBindingType> unavailableTypes) {
		for (UnavailableBindingType unavailable : unavailableTypes) {
			if (unavailable.type().equalsIgnoreCase(component.normalizedType())) {
				return unavailable.dependency();
			}
		}
		return null;
	}

	/**
	 * A factory's create method.
	 *
	 * @param <B> the binding type
	 */
	@FunctionalInterface
	public interface Factory<B> {

		/**
		 * Create the binding of a component.
		 * @param component the component
		 * @return the binding
		 * @throws Exception if the component's metadata is invalid or its client fails
		 */
		B create(ComponentDefinition component) throws Exception;

	}

}
