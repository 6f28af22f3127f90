package dev.bindings.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Dapr way: the handler of an existing Dapr app, unchanged. The {@code topic1-events}
 * input binding posts each record of {@code topic1} here, as daprd would: the record's
 * value as the body, its key, topic, partition, offset, timestamp and headers as HTTP
 * headers ({@code __key}, {@code __topic}, ...). Any 2xx answer acknowledges the record.
 */
@RestController
class Topic1EventsController {

	private final ReceivedRecords received;

	Topic1EventsController(ReceivedRecords received) {
		this.received = received;
	}

	@PostMapping("/topic1-events")
	void onRecord(@RequestBody(required = false) String value, @RequestHeader Map<String, String> headers) {
		this.received.add("topic1-events", (value != null) ? value : "", headers);
	}

}
