package dev.bindings.input;

import dev.bindings.BindingEvent;

/**
 * How the events of one input binding reach the application.
 */
interface Delivery {

	/**
	 * The kind, for the observation: {@code route} or {@code handler}.
	 * @return the kind
	 */
	String kind();

	/**
	 * The delivery, for the actuator and logs: {@code route /orders} or
	 * {@code handler Orders.onOrder(Order)}.
	 * @return the description
	 */
	String description();

	/**
	 * Deliver one event and wait until the application processed it.
	 * @param event the event
	 * @throws Exception if the application did not process it
	 */
	void deliver(BindingEvent event) throws Exception;

}
