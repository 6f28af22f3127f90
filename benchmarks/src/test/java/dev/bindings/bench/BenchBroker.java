package dev.bindings.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) from Kafka's own server
 * classes, as Kafka's scripts run it, on fixed ports, for running in its own JVM:
 * <pre>
 * java -cp 'benchmarks/target/test-classes:benchmarks/target/harness-lib/*' dev.bindings.bench.BenchBroker 19092 19093 /tmp/bench-kafka
 * </pre>
 * Prints {@code READY host:port} once it accepts connections and runs until the JVM is
 * stopped (the shutdown hook stops the broker and deletes its log folder). Topics are created
 * on first use with one partition.
 */
public final class BenchBroker implements AutoCloseable {

	private final KafkaRaftServer server;

	private final Path logDir;

	private BenchBroker(KafkaRaftServer server, Path logDir) {
		this.server = server;
		this.logDir = logDir;
	}

	public static void main(String[] args) throws InterruptedException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 19092;
		int controllerPort = (args.length > 1) ? Integer.parseInt(args[1]) : port + 1;
		Path logDir = (args.length > 2) ? Path.of(args[2]) : null;
		BenchBroker broker = start("localhost", port, controllerPort, logDir);
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "bench-broker-shutdown"));
		System.out.println("READY localhost:" + port);
		System.out.flush();
		new CountDownLatch(1).await();
	}

	/**
	 * Start a broker.
	 * @param host the host to listen on
	 * @param port the client port
	 * @param controllerPort the controller port
	 * @param logDir the log folder (created, and deleted on close), or {@code null} for a
	 * temporary one
	 * @return the running broker
	 */
	public static BenchBroker start(String host, int port, int controllerPort, Path logDir) {
		try {
			Path dir = (logDir != null) ? Files.createDirectories(logDir) : Files.createTempDirectory("bench-kafka-");
			Properties properties = new Properties();
			properties.put("process.roles", "broker,controller");
			properties.put("node.id", "1");
			properties.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
			properties.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
			properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
			properties.put("controller.listener.names", "CONTROLLER");
			properties.put("inter.broker.listener.name", "PLAINTEXT");
			properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
			properties.put("log.dirs", dir.resolve("data").toString());
			properties.put("num.partitions", "1");
			properties.put("auto.create.topics.enable", "true");
			properties.put("offsets.topic.replication.factor", "1");
			properties.put("transaction.state.log.replication.factor", "1");
			properties.put("transaction.state.log.min.isr", "1");
			properties.put("share.coordinator.state.topic.replication.factor", "1");
			properties.put("share.coordinator.state.topic.min.isr", "1");
			properties.put("group.initial.rebalance.delay.ms", "0");
			Path config = dir.resolve("server.properties");
			try (OutputStream out = Files.newOutputStream(config)) {
				properties.store(out, "benchmark broker");
			}
			PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
			int formatted = StorageTool$.MODULE$.execute(
					new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString() }, quiet);
			if (formatted != 0) {
				throw new IllegalStateException("Formatting the Kafka storage failed (" + formatted + ")");
			}
			KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
			server.startup();
			return new BenchBroker(server, dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.server.shutdown();
			this.server.awaitShutdown();
		}
		catch (RuntimeException ex) {
			System.err.println("Broker shutdown failed: " + ex);
		}
		try (Stream<Path> files = Files.walk(this.logDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + this.logDir + ": " + ex);
		}
	}

}
