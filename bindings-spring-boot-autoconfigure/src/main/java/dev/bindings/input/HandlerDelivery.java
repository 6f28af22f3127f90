package dev.bindings.input;

import java.util.function.Supplier;

import dev.bindings.BindingEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery to a {@link dev.bindings.BindingListener} method.
 */
final class HandlerDelivery implements Delivery {

	private final BindingListenerMethod method;

	private final Supplier<JsonMapper> jsonMapper;

	HandlerDelivery(BindingListenerMethod method, Supplier<JsonMapper> jsonMapper) {
		this.method = method;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public String kind() {
		return "handler";
	}

	@Override
	public String description() {
		return "handler " + this.method.description();
	}

	@Override
	public void deliver(BindingEvent event) throws Exception {
		this.method.invoke(event, this.jsonMapper.get());
	}

}
