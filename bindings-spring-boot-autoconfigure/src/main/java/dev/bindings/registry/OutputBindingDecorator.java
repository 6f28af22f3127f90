package dev.bindings.registry;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;

/**
 * Wraps every binding the registry creates, for cross-cutting behaviour such as
 * resiliency policies. Beans of this type are applied in order, the first one innermost.
 */
@FunctionalInterface
public interface OutputBindingDecorator {

	/**
	 * Decorate a binding.
	 * @param component the component definition of the binding
	 * @param binding the binding (possibly already decorated)
	 * @return the binding to use instead (or the same one)
	 */
	OutputBinding decorate(ComponentDefinition component, OutputBinding binding);

}
