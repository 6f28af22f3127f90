package dev.bindings.bench.input;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * (c) What a user writes without the starter: a {@code @KafkaListener} method on Spring
 * Boot's auto-configured listener container factory (one consumer thread, as the
 * starter's default {@code concurrency}), taking the value's bytes.
 */
class ListenerVariant {

	private final InputProbe probe;

	ListenerVariant(InputProbe probe) {
		this.probe = probe;
	}

	@KafkaListener(id = InputBenchApplication.BINDING, topics = "${bench.input.topic}",
			groupId = "${bench.input.group}", concurrency = "${bench.input.concurrency:1}")
	void onRecord(byte[] value) {
		this.probe.record(value);
	}

}
