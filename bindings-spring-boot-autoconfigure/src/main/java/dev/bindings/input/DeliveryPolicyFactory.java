package dev.bindings.input;

import dev.bindings.component.ComponentDefinition;

/**
 * Gives each input binding the {@link DeliveryPolicy} its deliveries run under. A bean of
 * this type is used by the input binding registry (Dapr's inbound resiliency policies,
 * when resilience4j is on the class path); without one, every delivery is one attempt.
 */
@FunctionalInterface
public interface DeliveryPolicyFactory {

	/** No policy for any binding. */
	DeliveryPolicyFactory NONE = (component) -> DeliveryPolicy.NONE;

	/**
	 * The policy of an input binding, created once when its delivery is decided.
	 * @param component the binding's component
	 * @return the policy, {@link DeliveryPolicy#NONE} for none
	 */
	DeliveryPolicy create(ComponentDefinition component);

}
