package dev.bindings.input;

import java.util.function.Supplier;

import dev.bindings.BindingEvent;
import dev.bindings.DeliveryFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Delivery to a route of the application's own server, as daprd delivers: a
 * {@code POST /<route>} through the app channel.
 */
final class RouteDelivery implements Delivery {

	private final String route;

	private final boolean probed;

	private final Supplier<@Nullable AppChannel> channel;

	RouteDelivery(String route, boolean probed, Supplier<@Nullable AppChannel> channel) {
		this.route = route;
		this.probed = probed;
		this.channel = channel;
	}

	String route() {
		return this.route;
	}

	@Override
	public String kind() {
		return "route";
	}

	@Override
	public String description() {
		return "route " + this.route + (this.probed ? "" : " (direction names input: no probe)");
	}

	@Override
	public void deliver(BindingEvent event) throws Exception {
		AppChannel channel = this.channel.get();
		if (channel == null) {
			throw new DeliveryFailedException("error invoking app: the application has no web server");
		}
		channel.post(this.route, event);
	}

}
