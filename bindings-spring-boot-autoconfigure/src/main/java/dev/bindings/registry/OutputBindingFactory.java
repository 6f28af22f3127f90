package dev.bindings.registry;

import java.util.List;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;

/**
 * Creates output bindings of one Dapr component type, such as {@code bindings.kafka}.
 * Register an implementation as a bean to add a type; every component whose
 * {@code spec.type} matches {@link #type()} (case-insensitively) and whose version is one
 * of {@link #versions()} is created by it.
 * <p>
 * A binding that holds resources should implement {@link AutoCloseable}: the registry
 * closes it when the application context closes.
 */
public interface OutputBindingFactory {

	/**
	 * The Dapr component type this factory creates, lower-case, for example
	 * {@code bindings.kafka}.
	 * @return the type
	 */
	String type();

	/**
	 * The component versions this factory accepts, lower-case. Dapr treats an empty
	 * version and {@code v0} as {@code v1}.
	 * @return the versions
	 */
	default List<String> versions() {
		return List.of("v1");
	}

	/**
	 * Whether this factory creates bindings for a component. The registry asks the
	 * factories in order ({@code @Order}) and uses the first that answers {@code true}.
	 * By default: the component's type is {@link #type()} and its version one of
	 * {@link #versions()}.
	 * @param component the component definition
	 * @return whether this factory creates the component's binding
	 */
	default boolean supports(ComponentDefinition component) {
		return type().equalsIgnoreCase(component.normalizedType())
				&& versions().contains(component.normalizedVersion());
	}

	/**
	 * Create a binding for a component. Validate the metadata here and throw with a
	 * message that names the offending key; never include metadata values in the message.
	 * @param component the component definition
	 * @return the binding
	 * @throws Exception if the component is invalid or the binding cannot be created
	 */
	OutputBinding create(ComponentDefinition component) throws Exception;

}
