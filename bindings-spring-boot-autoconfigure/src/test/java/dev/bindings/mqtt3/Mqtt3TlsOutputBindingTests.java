package dev.bindings.mqtt3;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.bindings.OutputBinding;
import dev.bindings.test.LocalServers;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static dev.bindings.test.Bindings.component;
import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for the {@code bindings.mqtt3} binding over TLS with client certificates, against
 * a Mosquitto broker the test starts with the certificates in
 * {@code src/test/resources/mqtt3} (a test CA, a server certificate for {@code localhost}
 * and {@code 127.0.0.1}, and a client certificate; made with {@code openssl}, valid for
 * 100 years, for tests only).
 */
class Mqtt3TlsOutputBindingTests {

	private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

	@TempDir
	static Path folder;

	private static Process broker;

	private static int port;

	private final Mqtt3OutputBindingFactory factory = new Mqtt3OutputBindingFactory();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final String topic = "bindings/tls/" + UUID.randomUUID();

	@BeforeAll
	static void startBroker() throws Exception {
		if (!Files.isExecutable(MOSQUITTO)) {
			String message = "Mosquitto is not installed at " + MOSQUITTO + "; this test starts a TLS broker with it";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
		for (String file : List.of("ca.pem", "server.pem", "server-key.pem")) {
			Files.writeString(folder.resolve(file), pem(file));
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path config = folder.resolve("mosquitto.conf");
		Files.writeString(config,
				String.join("\n", "per_listener_settings false", "persistence false", "user root",
						"listener " + port + " 127.0.0.1", "cafile " + folder.resolve("ca.pem"),
						"certfile " + folder.resolve("server.pem"), "keyfile " + folder.resolve("server-key.pem"),
						"require_certificate true", "allow_anonymous true", ""));
		broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString()).redirectErrorStream(true)
			.redirectOutput(folder.resolve("mosquitto.log").toFile())
			.start();
		for (int i = 0; i < 100 && !LocalServers.isListening("127.0.0.1", port); i++) {
			assertThat(broker.isAlive()).as("mosquitto is running: %s", log()).isTrue();
			Thread.sleep(100);
		}
		assertThat(LocalServers.isListening("127.0.0.1", port)).as("mosquitto listens: %s", log()).isTrue();
	}

	@AfterAll
	static void stopBroker() throws InterruptedException {
		if (broker != null) {
			broker.destroy();
			broker.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@AfterEach
	void cleanUp() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void publishesOverTlsWithAClientCertificate() throws Exception {
		BlockingQueue<MqttMessage> received = subscribe();
		OutputBinding binding = create(
				Map.of("caCert", pem("ca.pem"), "clientCert", pem("client.pem"), "clientKey", pem("client-key.pem")));
		invoke(binding, "create", "secure".getBytes(StandardCharsets.UTF_8), Map.of());
		MqttMessage message = received.poll(10, TimeUnit.SECONDS);
		assertThat(message).isNotNull();
		assertThat(message.getPayload()).containsExactly("secure".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void brokerThatRequiresAClientCertificateRefusesABindingWithoutOne() throws Exception {
		OutputBinding binding = create(Map.of("caCert", pem("ca.pem")));
		assertThat(failure(binding, "create", null, Map.of()))
			.hasMessageStartingWith("failed to create producer connection: failed to connect: ");
	}

	@Test
	void clientCertificateWithoutKeyFailsNamingTheKeys() {
		assertThat(catchThrowable(() -> create(Map.of("caCert", pem("ca.pem"), "clientCert", pem("client.pem")))))
			.hasMessage("clientCert and clientKey must be set together");
	}

	@Test
	void invalidClientKeyFailsWithDaprMessage() {
		assertThat(catchThrowable(() -> create(
				Map.of("caCert", pem("ca.pem"), "clientCert", pem("client.pem"), "clientKey", pem("client.pem")))))
			.hasMessage("invalid client certificate key");
	}

	private OutputBinding create(Map<String, String> tls) throws Exception {
		Map<String, String> metadata = new HashMap<>(tls);
		metadata.put("url", "mqtts://localhost:" + port);
		metadata.put("topic", this.topic);
		metadata.put("consumerID", "bindings-tls-" + UUID.randomUUID());
		OutputBinding binding = this.factory.create(component("secure", "bindings.mqtt3", metadata));
		this.resources.add((AutoCloseable) binding);
		return binding;
	}

	private BlockingQueue<MqttMessage> subscribe() throws Exception {
		MqttClient subscriber = new MqttClient("ssl://localhost:" + port, "bindings-tls-sub-" + UUID.randomUUID(),
				new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setSocketFactory(
				SslBundle
					.of(new PemSslStoreBundle(new PemSslStoreDetails(null, pem("client.pem"), pem("client-key.pem")),
							PemSslStoreDetails.forCertificates(pem("ca.pem"))))
					.createSslContext()
					.getSocketFactory());
		subscriber.connect(options);
		BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
		subscriber.subscribe(this.topic, 1, (receivedTopic, message) -> received.add(message));
		this.resources.add(() -> {
			subscriber.disconnect();
			subscriber.close();
		});
		return received;
	}

	private static String pem(String name) throws IOException {
		try (var input = Mqtt3TlsOutputBindingTests.class.getResourceAsStream("/mqtt3/" + name)) {
			return new String(input.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private static String log() {
		try {
			return Files.readString(folder.resolve("mosquitto.log"));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

}
