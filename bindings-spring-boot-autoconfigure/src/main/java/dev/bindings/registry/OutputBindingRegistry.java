package dev.bindings.registry;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import dev.bindings.BindingNotFoundException;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The live output bindings of the application, by component name.
 */
public interface OutputBindingRegistry {

	/**
	 * Find a binding.
	 * @param name the component name (case-sensitive)
	 * @return the binding, or {@code null} if there is none with that name
	 */
	@Nullable OutputBinding find(String name);

	/**
	 * Get a binding.
	 * @param name the component name (case-sensitive)
	 * @return the binding
	 * @throws BindingNotFoundException if there is none with that name
	 */
	default OutputBinding get(String name) {
		OutputBinding binding = find(name);
		if (binding == null) {
			throw new BindingNotFoundException(name);
		}
		return binding;
	}

	/**
	 * Ping a binding (bypassing decorators such as resiliency policies).
	 * @param name the component name
	 * @return the ping's outcome
	 */
	default CompletableFuture<Void> ping(String name) {
		return get(name).ping();
	}

	/**
	 * The definition of a binding.
	 * @param name the component name
	 * @return the definition, or {@code null} if there is no binding with that name
	 */
	default @Nullable ComponentDefinition definition(String name) {
		for (ComponentDefinition definition : definitions()) {
			if (definition.name().equals(name)) {
				return definition;
			}
		}
		return null;
	}

	/**
	 * The definitions of the bindings that were created, in load order.
	 * @return the component definitions
	 */
	Collection<ComponentDefinition> definitions();

}
