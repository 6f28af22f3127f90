package dev.bindings.actuate;

import java.util.ArrayList;
import java.util.List;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingRegistry;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code bindings} actuator endpoint: the output bindings with their type, version,
 * operations, origin and metadata keys. Metadata values are never shown: they may be
 * secrets.
 */
@Endpoint(id = "bindings")
public class BindingsEndpoint {

	private final OutputBindingRegistry registry;

	/**
	 * Create the endpoint.
	 * @param registry the bindings
	 */
	public BindingsEndpoint(OutputBindingRegistry registry) {
		this.registry = registry;
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
		return new BindingsDescriptor(bindings);
	}

	/**
	 * The endpoint's answer.
	 *
	 * @param bindings the bindings
	 */
	public record BindingsDescriptor(List<BindingDescriptor> bindings) {

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
