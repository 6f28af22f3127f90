package dev.bindings.mqtt3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.test.LocalServers;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.bindings.test.Bindings.component;
import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@code bindings.mqtt3} binding against the local Mosquitto broker.
 */
class Mqtt3OutputBindingTests {

	private static final String URL = "tcp://127.0.0.1:1883";

	private final Mqtt3OutputBindingFactory factory = new Mqtt3OutputBindingFactory();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final String topic = "bindings/test/" + UUID.randomUUID();

	@BeforeAll
	static void requireServer() {
		LocalServers.require("Mosquitto", "127.0.0.1", 1883);
	}

	@AfterEach
	void cleanUp() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void operationsAreDaprs() throws Exception {
		assertThat(create(Map.of()).operations()).containsExactly("create");
	}

	@Test
	void createPublishesTheDataToTheComponentTopicAndReturnsNothing() throws Exception {
		BlockingQueue<MqttMessage> received = subscribe(this.topic);
		OutputBinding binding = create(Map.of());
		BindingResponse response = invoke(binding, "create", "{\"id\":1}".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(response.hasContent()).isFalse();
		MqttMessage message = received.poll(10, TimeUnit.SECONDS);
		assertThat(message).isNotNull();
		assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
		assertThat(message.getQos()).isEqualTo(1);
		assertThat(message.isRetained()).isFalse();
	}

	@Test
	void dataBytesArePublishedUnchanged() throws Exception {
		BlockingQueue<MqttMessage> received = subscribe(this.topic);
		byte[] bytes = { 0, 1, (byte) 0xff, '"' };
		invoke(create(Map.of()), "create", bytes, Map.of());
		assertThat(received.poll(10, TimeUnit.SECONDS).getPayload()).containsExactly(bytes);
	}

	@Test
	void noDataPublishesAnEmptyMessage() throws Exception {
		BlockingQueue<MqttMessage> received = subscribe(this.topic);
		invoke(create(Map.of()), "create", null, Map.of());
		assertThat(received.poll(10, TimeUnit.SECONDS).getPayload()).isEmpty();
	}

	@Test
	void topicRequestMetadataOverridesTheComponentTopic() throws Exception {
		String other = this.topic + "/other";
		BlockingQueue<MqttMessage> received = subscribe(other);
		BlockingQueue<MqttMessage> componentTopic = subscribe(this.topic);
		OutputBinding binding = create(Map.of());
		invoke(binding, "create", "x".getBytes(StandardCharsets.UTF_8), Map.of("topic", other));
		assertThat(received.poll(10, TimeUnit.SECONDS).getPayload()).containsExactly('x');
		// messages of one client on one topic arrive in order: the marker comes first
		// only if
		// the overridden message did not go to the component topic
		invoke(binding, "create", "y".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(componentTopic.poll(10, TimeUnit.SECONDS).getPayload()).containsExactly('y');
	}

	@Test
	void retainTrueRetainsTheMessage() throws Exception {
		OutputBinding binding = create(Map.of("retain", "true"));
		invoke(binding, "create", "kept".getBytes(StandardCharsets.UTF_8), Map.of());
		BlockingQueue<MqttMessage> received = subscribe(this.topic);
		MqttMessage message = received.poll(10, TimeUnit.SECONDS);
		assertThat(message.isRetained()).isTrue();
		assertThat(message.getPayload()).containsExactly("kept".getBytes(StandardCharsets.UTF_8));
		// an empty retained message clears the topic
		invoke(binding, "create", null, Map.of());
	}

	@Test
	void mqttSchemeIsAccepted() throws Exception {
		BlockingQueue<MqttMessage> received = subscribe(this.topic);
		invoke(create(Map.of("url", "mqtt://127.0.0.1:1883")), "create", "m".getBytes(StandardCharsets.UTF_8),
				Map.of());
		assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
	}

	@Test
	void clientIdIsTheConsumerIdWithProducerSuffixAsInDapr() throws Exception {
		Mqtt3OutputBinding binding = (Mqtt3OutputBinding) create(Map.of("consumerID", "orders"));
		assertThat(binding.getClient().getClientId()).isEqualTo("orders-producer");
	}

	@Test
	void cleanSessionDefaultsToFalseAsInDaprsCode() {
		assertThat(Mqtt3BindingMetadata.parse(metadata(Map.of())).cleanSession()).isFalse();
	}

	@Test
	void missingUrlFailsWithDaprMessage() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("url");
		assertThatIllegalArgumentException().isThrownBy(() -> createWith(metadata)).withMessage("missing url");
	}

	@Test
	void missingTopicFailsWithDaprMessage() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("topic");
		assertThatIllegalArgumentException().isThrownBy(() -> createWith(metadata)).withMessage("missing topic");
	}

	@Test
	void missingConsumerIdFailsWithDaprMessage() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("consumerID");
		assertThatIllegalArgumentException().isThrownBy(() -> createWith(metadata)).withMessage("missing consumerID");
	}

	@Test
	void invalidCaCertFailsWithDaprMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("caCert", "not a certificate")))
			.withMessage("invalid ca certificate");
	}

	@Test
	void unsupportedSchemeFailsWithoutTheUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("url", "http://user:Pa55w0rd-Secret@127.0.0.1:1883")))
			.withMessageStartingWith("invalid url: unsupported scheme")
			.withMessageNotContaining("Pa55w0rd-Secret");
	}

	@Test
	void unreachableBrokerFailsWithDaprMessageWithoutThePassword() throws Exception {
		OutputBinding binding = create(Map.of("url", "tcp://user:Pa55w0rd-Secret@127.0.0.1:1"));
		Throwable failure = failure(binding, "create", null, Map.of());
		assertThat(failure).hasMessageStartingWith("failed to create producer connection: failed to connect: ")
			.hasMessageNotContaining("Pa55w0rd-Secret");
	}

	@Test
	void bindingFailsClearlyAfterClose() throws Exception {
		Mqtt3OutputBinding binding = (Mqtt3OutputBinding) create(Map.of());
		invoke(binding, "create", null, Map.of());
		binding.close();
		assertThat(failure(binding, "create", null, Map.of())).hasMessage("mqtt client closed");
	}

	private Map<String, String> metadata(Map<String, String> overrides) {
		Map<String, String> metadata = new HashMap<>();
		metadata.put("url", URL);
		metadata.put("topic", this.topic);
		metadata.put("consumerID", "bindings-test-" + UUID.randomUUID());
		metadata.putAll(overrides);
		return metadata;
	}

	private OutputBinding create(Map<String, String> overrides) throws Exception {
		return createWith(metadata(overrides));
	}

	private OutputBinding createWith(Map<String, String> metadata) throws Exception {
		OutputBinding binding = this.factory.create(component("mqtt", "bindings.mqtt3", metadata));
		this.resources.add((AutoCloseable) binding);
		return binding;
	}

	private BlockingQueue<MqttMessage> subscribe(String topic) throws MqttException {
		MqttClient subscriber = new MqttClient(URL, "bindings-test-sub-" + UUID.randomUUID(), new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		subscriber.connect(options);
		BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
		subscriber.subscribe(topic, 1, (receivedTopic, message) -> received.add(message));
		this.resources.add(() -> {
			subscriber.disconnect();
			subscriber.close();
		});
		return received;
	}

}
