package dev.bindings.input;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The input bindings of the application, by component name.
 */
public interface InputBindingRegistry {

	/**
	 * The input bindings, in load order.
	 * @return their status
	 */
	List<InputBindingStatus> inputBindings();

	/**
	 * Find an input binding.
	 * @param name the component name (case-sensitive)
	 * @return its status, or {@code null} when there is no input binding of that name
	 */
	default @Nullable InputBindingStatus find(String name) {
		for (InputBindingStatus status : inputBindings()) {
			if (status.name().equals(name)) {
				return status;
			}
		}
		return null;
	}

}
