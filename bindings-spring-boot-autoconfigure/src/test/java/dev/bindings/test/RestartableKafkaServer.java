package dev.bindings.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker, from Kafka's own server classes, that can be stopped and started
 * again on the same port with the same data: for fault tests (spring-kafka-test's embedded
 * broker binds a new random port each time).
 */
public final class RestartableKafkaServer implements AutoCloseable {

	private final Path logDir;

	private final Properties properties;

	private final int port;

	private KafkaRaftServer server;

	private RestartableKafkaServer(Path logDir, Properties properties, int port) {
		this.logDir = logDir;
		this.properties = properties;
		this.port = port;
	}

	/**
	 * Format storage and start a broker on free ports.
	 * @return the running broker
	 */
	public static RestartableKafkaServer start() {
		try {
			Path logDir = Files.createTempDirectory("kafka-fault-");
			int port = freePort();
			int controllerPort = freePort();
			Properties properties = new Properties();
			properties.put("process.roles", "broker,controller");
			properties.put("node.id", "1");
			properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
			properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
			properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
			properties.put("controller.listener.names", "CONTROLLER");
			properties.put("inter.broker.listener.name", "PLAINTEXT");
			properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
			properties.put("log.dirs", logDir.toString());
			properties.put("num.partitions", "1");
			properties.put("offsets.topic.replication.factor", "1");
			properties.put("transaction.state.log.replication.factor", "1");
			properties.put("transaction.state.log.min.isr", "1");
			properties.put("share.coordinator.state.topic.replication.factor", "1");
			properties.put("share.coordinator.state.topic.min.isr", "1");
			properties.put("group.initial.rebalance.delay.ms", "0");
			Path config = logDir.resolve("server.properties");
			try (OutputStream out = Files.newOutputStream(config)) {
				properties.store(out, null);
			}
			int formatted = StorageTool$.MODULE$.execute(
					new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString() },
					new PrintStream(OutputStream.nullOutputStream()));
			if (formatted != 0) {
				throw new IllegalStateException("formatting Kafka storage failed: " + formatted);
			}
			RestartableKafkaServer server = new RestartableKafkaServer(logDir, properties, port);
			server.startAgain();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The bootstrap address.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String brokers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Start the stopped broker again, on the same port with the same data.
	 */
	public synchronized void startAgain() {
		this.server = new KafkaRaftServer(KafkaConfig.fromProps(this.properties, false), Time.SYSTEM);
		this.server.startup();
	}

	/**
	 * Stop the broker, keeping its data.
	 */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.shutdown();
			this.server.awaitShutdown();
			this.server = null;
		}
	}

	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.logDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
