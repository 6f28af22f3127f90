package dev.bindings.registry;

import java.util.List;

import dev.bindings.InputBinding;
import dev.bindings.component.ComponentDefinition;

/**
 * Creates input bindings of one Dapr component type, such as {@code bindings.kafka} or
 * {@code bindings.cron}. Register an implementation as a bean to add an input type. A
 * component gets an input binding when its {@code direction} metadata names
 * {@code input}, or when it has no {@code direction} and
 * {@link #impliesInput(ComponentDefinition)} is {@code true} (see
 * {@link BindingDirections}).
 * <p>
 * The input binding registry creates the bindings at startup (so that invalid metadata
 * stops the application) and starts them only once the application is ready to take
 * traffic.
 */
public interface InputBindingFactory {

	/**
	 * The Dapr component type this factory creates, lower-case, for example
	 * {@code bindings.cron}.
	 * @return the type
	 */
	String type();

	/**
	 * The component versions this factory accepts, lower-case.
	 * @return the versions
	 */
	default List<String> versions() {
		return List.of("v1");
	}

	/**
	 * Whether this factory creates input bindings for a component; the registry asks the
	 * factories in order ({@code @Order}) and uses the first that answers {@code true}.
	 * @param component the component definition
	 * @return whether this factory creates the component's input binding
	 */
	default boolean supports(ComponentDefinition component) {
		return type().equalsIgnoreCase(component.normalizedType())
				&& versions().contains(component.normalizedVersion());
	}

	/**
	 * Whether a component without {@code direction} metadata has an input side. By
	 * default yes, as daprd creates every direction a type supports; a type can answer
	 * {@code false} for a component that has nothing to read (a Kafka component without
	 * {@code topics}).
	 * @param component the component definition
	 * @return whether the component has an input side
	 */
	default boolean impliesInput(ComponentDefinition component) {
		return true;
	}

	/**
	 * Create the input binding of a component, without starting it. Validate the metadata
	 * here and throw with a message that names the offending key; never include metadata
	 * values in the message.
	 * @param component the component definition
	 * @return the binding
	 * @throws Exception if the component is invalid or the binding cannot be created
	 */
	InputBinding create(ComponentDefinition component) throws Exception;

}
