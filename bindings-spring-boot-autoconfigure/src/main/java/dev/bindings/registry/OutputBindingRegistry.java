package dev.bindings.registry;

import java.util.Collection;

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
	 * The definitions of the bindings that were created, in load order.
	 * @return the component definitions
	 */
	Collection<ComponentDefinition> definitions();

}
