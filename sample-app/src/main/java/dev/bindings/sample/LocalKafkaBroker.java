package dev.bindings.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker in this JVM, for running the sample on a machine without
 * Kafka. It uses Kafka's own server classes (as Kafka's scripts do) because it must listen on
 * the fixed address of the quickstart's component file, {@code localhost:9092}.
 */
final class LocalKafkaBroker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalKafkaBroker.class);

	private final KafkaRaftServer server;

	private final Path logDir;

	private LocalKafkaBroker(KafkaRaftServer server, Path logDir) {
		this.server = server;
		this.logDir = logDir;
	}

	/**
	 * Start a broker on {@code host:port} unless something already listens there.
	 * @param host the host to listen on
	 * @param port the port to listen on
	 * @return the broker, or {@code null} if a broker (or anything else) already listens there
	 */
	static LocalKafkaBroker startIfAbsent(String host, int port) {
		if (isListening(host, port)) {
			logger.info("Kafka is already listening on {}:{}; using it", host, port);
			return null;
		}
		logger.info("No Kafka on {}:{}; starting a local single-node broker there", host, port);
		return start(host, port);
	}

	static boolean isListening(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static LocalKafkaBroker start(String host, int port) {
		try {
			Path logDir = Files.createTempDirectory("sample-kafka-");
			int controllerPort = freePort();
			Properties properties = new Properties();
			properties.put("process.roles", "broker,controller");
			properties.put("node.id", "1");
			properties.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
			properties.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
			properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
			properties.put("controller.listener.names", "CONTROLLER");
			properties.put("inter.broker.listener.name", "PLAINTEXT");
			properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
			properties.put("log.dirs", logDir.toString());
			properties.put("num.partitions", "1");
			properties.put("auto.create.topics.enable", "true");
			properties.put("offsets.topic.replication.factor", "1");
			properties.put("transaction.state.log.replication.factor", "1");
			properties.put("transaction.state.log.min.isr", "1");
			properties.put("share.coordinator.state.topic.replication.factor", "1");
			properties.put("share.coordinator.state.topic.min.isr", "1");
			properties.put("group.initial.rebalance.delay.ms", "0");
			Path config = logDir.resolve("server.properties");
			try (OutputStream out = Files.newOutputStream(config)) {
				properties.store(out, "sample-app local broker");
			}
			PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
			int formatted = StorageTool$.MODULE$.execute(
					new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString() }, quiet);
			if (formatted != 0) {
				throw new IllegalStateException("Formatting the local Kafka storage failed (" + formatted + ")");
			}
			KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
			server.startup();
			LocalKafkaBroker broker = new LocalKafkaBroker(server, logDir);
			Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "local-kafka-shutdown"));
			logger.info("Local Kafka broker listening on {}:{}", host, port);
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.server.shutdown();
			this.server.awaitShutdown();
		}
		catch (RuntimeException ex) {
			logger.debug("Local Kafka broker shutdown failed", ex);
		}
		try (Stream<Path> files = Files.walk(this.logDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", this.logDir, ex);
		}
	}

}
