package dev.bindings.actuate;

import java.util.ArrayList;
import java.util.List;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.input.InputBindingStatus;
import dev.bindings.registry.OutputBindingRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code bindings} actuator endpoint: the output bindings with their type, version,
 * operations, origin and metadata keys, and the input bindings with their delivery and
 * state. Metadata values are never shown: they may be secrets.
 */
@Endpoint(id = "bindings")
public class BindingsEndpoint {

	private final OutputBindingRegistry registry;

	private final @Nullable InputBindingRegistry inputs;

	/**
	 * Create the endpoint.
	 * @param registry the bindings
	 */
	public BindingsEndpoint(OutputBindingRegistry registry) {
		this(registry, null);
	}

	/**
	 * Create the endpoint.
	 * @param registry the output bindings
	 * @param inputs the input bindings, or {@code null}
	 */
	public BindingsEndpoint(OutputBindingRegistry registry, @Nullable InputBindingRegistry inputs) {
		this.registry = registry;
		this.inputs = inputs;
	}

	/**
	 * List the bindings.
	 * @return the bindings
	 */
	@ReadOperation
	public BindingsDescriptor bindings() {
		List<BindingDescriptor> bindings = new ArrayList<>();
		for (ComponentDefinition definition : this.registry.definitions()) {
			OutputBinding binding = this.registry.find(definition.name());
			bindings.add(new BindingDescriptor(definition.name(), definition.type(), definition.version(),
					(binding != null) ? binding.operations() : List.of(), definition.origin(),
					List.copyOf(definition.metadata().keySet()), definition.scopes()));
		}
		List<InputBindingDescriptor> inputBindings = new ArrayList<>();
		if (this.inputs != null) {
			for (InputBindingStatus input : this.inputs.inputBindings()) {
				inputBindings.add(new InputBindingDescriptor(input.name(), input.type(), input.version(),
						input.delivery(), input.state().name(), input.lastFailure(), input.origin(),
						input.metadataKeys(), input.scopes()));
			}
		}
		return new BindingsDescriptor(bindings, inputBindings);
	}

	/**
	 * The endpoint's answer.
	 *
	 * @param bindings the output bindings
	 * @param inputBindings the input bindings
	 */
	public record BindingsDescriptor(List<BindingDescriptor> bindings, List<InputBindingDescriptor> inputBindings) {

	}

	/**
	 * One input binding.
	 *
	 * @param name the component name
	 * @param type the component type
	 * @param version the component version
	 * @param delivery how its events are delivered ({@code route /orders},
	 * {@code handler Orders.onOrder(Order)})
	 * @param state {@code CREATED}, {@code RUNNING}, {@code PAUSED},
	 * {@code NOT_SUBSCRIBED}, {@code INACTIVE}, {@code STOPPING} or {@code STOPPED}
	 * @param lastFailure the failure of the last delivery when it failed, else
	 * {@code null}
	 * @param origin where the component was declared
	 * @param metadataKeys the names of its metadata entries (never the values)
	 * @param scopes the app IDs it is scoped to
	 */
	public record InputBindingDescriptor(String name, String type, String version, String delivery, String state,
			@Nullable String lastFailure, String origin, List<String> metadataKeys, List<String> scopes) {

	}

	/**
	 * One binding.
	 *
	 * @param name the component name
	 * @param type the component type
	 * @param version the component version
	 * @param operations the supported operations
	 * @param origin where the component was declared
	 * @param metadataKeys the names of its metadata entries (never the values)
	 * @param scopes the app IDs it is scoped to
	 */
	public record BindingDescriptor(String name, String type, String version, List<String> operations, String origin,
			List<String> metadataKeys, List<String> scopes) {

	}

}
