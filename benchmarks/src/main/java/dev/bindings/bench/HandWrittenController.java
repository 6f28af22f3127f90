package dev.bindings.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.ProducerConfig;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a user would write without the starter: Dapr's envelope bound by Spring MVC's
 * Jackson converter, the {@code data} field sent as JSON text with Spring Boot's
 * auto-configured {@link KafkaTemplate} (String serializers, Kafka 4's producer defaults:
 * {@code acks=all}, idempotence on, {@code linger.ms=5}), blocking until the broker
 * acknowledged the record.
 */
@RestController
class HandWrittenController implements DisposableBean {

	private final KafkaTemplate<String, String> template;

	private final KafkaTemplate<String, String> lingerZeroTemplate;

	private final DefaultKafkaProducerFactory<String, String> lingerZeroFactory;

	private final String topic;

	private final String lingerZeroTopic;

	HandWrittenController(KafkaTemplate<String, String> template, ProducerFactory<String, String> producerFactory,
			@Value("${bench.topic:bench-b}") String topic,
			@Value("${bench.linger0-topic:bench-b0}") String lingerZeroTopic) {
		this.template = template;
		this.topic = topic;
		this.lingerZeroTopic = lingerZeroTopic;
		// the same producer with the one default the starter changes (not a bean, so
		// Boot's
		// producer factory stays the auto-configured one)
		Map<String, Object> configuration = new HashMap<>(producerFactory.getConfigurationProperties());
		configuration.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		this.lingerZeroFactory = new DefaultKafkaProducerFactory<>(configuration);
		this.lingerZeroTemplate = new KafkaTemplate<>(this.lingerZeroFactory);
	}

	@PostMapping("/handwritten")
	ResponseEntity<Void> send(@RequestBody Envelope envelope) throws InterruptedException, ExecutionException {
		return send(this.template, this.topic, envelope);
	}

	@PostMapping("/handwritten-linger0")
	ResponseEntity<Void> sendLingerZero(@RequestBody Envelope envelope)
			throws InterruptedException, ExecutionException {
		return send(this.lingerZeroTemplate, this.lingerZeroTopic, envelope);
	}

	private static ResponseEntity<Void> send(KafkaTemplate<String, String> template, String topic, Envelope envelope)
			throws InterruptedException, ExecutionException {
		Map<String, String> metadata = (envelope.metadata() != null) ? envelope.metadata() : Map.of();
		String value = (envelope.data() != null) ? envelope.data().toString() : null;
		template.send(topic, metadata.get("partitionKey"), value).get();
		return ResponseEntity.noContent().build();
	}

	@Override
	public void destroy() {
		this.lingerZeroFactory.destroy();
	}

	/**
	 * Dapr's output binding envelope.
	 *
	 * @param data the payload
	 * @param metadata the request metadata
	 * @param operation the operation
	 */
	record Envelope(JsonNode data, Map<String, String> metadata, String operation) {

	}

}
