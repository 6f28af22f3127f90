package dev.bindings.bench.input;

import dev.bindings.BindingListener;

/**
 * (a) The starter's annotated handler: each record of the {@code bench-in} input binding
 * delivered to a method, as its value's bytes.
 */
class HandlerVariant {

	private final InputProbe probe;

	HandlerVariant(InputProbe probe) {
		this.probe = probe;
	}

	@BindingListener(InputBenchApplication.BINDING)
	void onEvent(byte[] data) {
		this.probe.record(data);
	}

}
