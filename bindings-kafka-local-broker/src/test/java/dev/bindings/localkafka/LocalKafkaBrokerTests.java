package dev.bindings.localkafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The broker on a free port and on a given one: it serves clients, keeps its data across
 * a restart on the same ports, frees its ports when stopped, deletes its data when
 * closed, and reports a port it cannot take.
 */
class LocalKafkaBrokerTests {

	@TempDir
	Path folder;

	@Test
	void restartKeepsThePortsAndTheDataAndCloseDeletesTheData() throws Exception {
		Path logDir;
		try (LocalKafkaBroker broker = LocalKafkaBroker.start("127.0.0.1", 0)) {
			logDir = broker.logDir();
			assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
			createTopic(broker, "kept");
			broker.stop();
			assertThat(broker.isRunning()).isFalse();
			assertThat(LocalKafkaBroker.isListening("127.0.0.1", broker.port())).isFalse();
			broker.restart();
			assertThat(broker.isRunning()).isTrue();
			assertThat(topics(broker)).contains("kept");
		}
		assertThat(logDir).doesNotExist();
	}

	@Test
	void startsOnTheGivenPortsAndLogFolder() throws Exception {
		int port = freePort();
		int controllerPort = freePort();
		Path logDir = this.folder.resolve("kafka");
		try (LocalKafkaBroker broker = LocalKafkaBroker.start("localhost", port, controllerPort, logDir)) {
			assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
			assertThat(broker.controllerPort()).isEqualTo(controllerPort);
			assertThat(logDir.resolve("server.properties")).exists();
			assertThat(LocalKafkaBroker.isListening("localhost", port)).isTrue();
		}
		assertThat(logDir).doesNotExist();
		assertThat(LocalKafkaBroker.isListening("localhost", port)).isFalse();
	}

	@Test
	void aPortInUseIsReportedAndNothingIsLeftBehind() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			Path logDir = this.folder.resolve("kafka");
			assertThatIllegalStateException()
				.isThrownBy(() -> LocalKafkaBroker.start("localhost", taken.getLocalPort(), 0, logDir))
				.withMessageStartingWith(
						"The local Kafka broker on localhost:" + taken.getLocalPort() + " failed to start");
			assertThat(Files.exists(logDir)).isFalse();
		}
	}

	private static void createTopic(LocalKafkaBroker broker, String topic) throws Exception {
		try (Admin admin = admin(broker)) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private static Set<String> topics(LocalKafkaBroker broker) throws Exception {
		try (Admin admin = admin(broker)) {
			return admin.listTopics().names().get(30, TimeUnit.SECONDS);
		}
	}

	private static Admin admin(LocalKafkaBroker broker) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
