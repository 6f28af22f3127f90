package dev.bindings.sample;

import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import dev.bindings.BindingEvent;
import dev.bindings.BindingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows what arrived in Kafka through the sample's input bindings: the records of
 * {@code topic1} come to the Dapr-style route of {@link Topic1EventsController}, those of
 * {@code audit} to the {@link BindingListener} method below. Each is logged and the last
 * 100 are served at {@code GET /received}.
 */
@Component
@RestController
public class ReceivedRecords {

	private static final Logger logger = LoggerFactory.getLogger(ReceivedRecords.class);

	private static final int LIMIT = 100;

	private final Deque<Map<String, Object>> records = new ConcurrentLinkedDeque<>();

	/**
	 * The Java way: the {@code audit-events} input binding's records, with their
	 * metadata. Returning acknowledges the record; throwing would leave it to the
	 * binding's retry settings.
	 * @param event the record
	 */
	@BindingListener("audit-events")
	void onAudit(BindingEvent event) {
		add(event.binding(), event.dataAsString(), event.metadata());
	}

	void add(String binding, String value, Map<String, String> metadata) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("binding", binding);
		view.put("topic", metadata.get("__topic"));
		view.put("partition", metadata.get("__partition"));
		view.put("offset", metadata.get("__offset"));
		view.put("key", metadata.get("__key"));
		view.put("value", value);
		logger.info("Received from Kafka: {}", view);
		this.records.addLast(view);
		while (this.records.size() > LIMIT) {
			this.records.pollFirst();
		}
	}

	@GetMapping("/received")
	List<Map<String, Object>> received() {
		return new ArrayList<>(this.records);
	}

}
