package dev.bindings.input;

import dev.bindings.BindingEvent;

/**
 * The way to the application's own server, as daprd's app channel: the {@code OPTIONS}
 * probe and the {@code POST} of each event.
 */
interface AppChannel {

	/**
	 * Probe a route as daprd does.
	 * @param route the route, starting with {@code /}
	 * @return the status of the answer
	 * @throws Exception if the application could not be reached within the probe timeout
	 */
	int probe(String route) throws Exception;

	/**
	 * Deliver an event to a route and wait for a 2xx answer.
	 * @param route the route, starting with {@code /}
	 * @param event the event
	 * @throws AppStatusException if the answer was not 2xx
	 * @throws Exception if the application could not be reached, or the calling thread
	 * was interrupted (which cancels the request)
	 */
	void post(String route, BindingEvent event) throws Exception;

	/**
	 * Where events go, for logs.
	 * @return the base URL
	 */
	String baseUrl();

}
