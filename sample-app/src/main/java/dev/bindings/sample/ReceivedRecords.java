package dev.bindings.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows what arrived in Kafka: a listener on the sample's topics logs every record and
 * keeps the last 100, served at {@code GET /received}.
 */
@Component
@RestController
public class ReceivedRecords {

	private static final Logger logger = LoggerFactory.getLogger(ReceivedRecords.class);

	private static final int LIMIT = 100;

	private final Deque<Map<String, Object>> records = new ConcurrentLinkedDeque<>();

	@KafkaListener(topics = { "topic1", "audit" },
			properties = { "key.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
					"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer" })
	void onRecord(ConsumerRecord<byte[], byte[]> record) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("topic", record.topic());
		view.put("partition", record.partition());
		view.put("offset", record.offset());
		view.put("key", text(record.key()));
		view.put("value", text(record.value()));
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), text(header.value()));
		}
		view.put("headers", headers);
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

	private static String text(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

}
