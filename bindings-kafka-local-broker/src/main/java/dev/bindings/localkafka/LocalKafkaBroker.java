package dev.bindings.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) in this JVM, from
 * Kafka's own server classes as Kafka's scripts run them, on a fixed port or a free one.
 * It can be stopped and restarted on the same ports with the same data; {@link #close()}
 * stops it and deletes its log folder. Topics are created on first use, with one
 * partition.
 * <p>
 * Use spring-kafka-test's embedded broker where any port will do; use this one where the
 * port must be known in advance (a component file's {@code localhost:9092}, a broker in a
 * JVM of its own) or must survive a restart (outage tests).
 * <p>
 * It never exits the JVM: storage is formatted through {@code StorageTool.execute}, not
 * its {@code main}, and a broker that does not start within {@link #START_TIMEOUT} is
 * shut down and reported with an {@link IllegalStateException}.
 */
public final class LocalKafkaBroker implements AutoCloseable {

	/**
	 * How long {@link #start} and {@link #restart()} wait for the broker to serve
	 * requests.
	 */
	public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(LocalKafkaBroker.class);

	private final String host;

	private final int port;

	private final int controllerPort;

	private final Path logDir;

	private final Properties properties;

	private @Nullable KafkaRaftServer server;

	private boolean closed;

	private LocalKafkaBroker(String host, int port, int controllerPort, Path logDir) {
		this.host = host;
		this.port = port;
		this.controllerPort = controllerPort;
		this.logDir = logDir;
		this.properties = serverProperties(host, port, controllerPort, logDir.resolve("data"));
	}

	/**
	 * Run a broker until the JVM is stopped, for a broker in a JVM of its own:
	 * {@code java -cp ... dev.bindings.localkafka.LocalKafkaBroker [port [controllerPort [logDir]]]}
	 * (defaults: 19092, port + 1, a temporary folder). Prints
	 * {@code READY localhost:<port>} once the broker serves requests; stopping the JVM
	 * stops the broker and deletes its log folder.
	 * @param args the port, the controller port and the log folder, each optional
	 * @throws InterruptedException if interrupted while running
	 */
	public static void main(String[] args) throws InterruptedException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 19092;
		int controllerPort = (args.length > 1) ? Integer.parseInt(args[1]) : port + 1;
		@Nullable Path logDir = (args.length > 2) ? Path.of(args[2]) : null;
		LocalKafkaBroker broker = start("localhost", port, controllerPort, logDir);
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "local-kafka-shutdown"));
		System.out.println("READY " + broker.bootstrapServers());
		System.out.flush();
		new CountDownLatch(1).await();
	}

	/**
	 * Start a broker on {@code host:port} with a free controller port and a temporary log
	 * folder.
	 * @param host the host to listen on
	 * @param port the client port, or {@code 0} for a free one
	 * @return the running broker
	 * @throws IllegalStateException if the broker does not start within
	 * {@link #START_TIMEOUT}
	 */
	public static LocalKafkaBroker start(String host, int port) {
		return start(host, port, 0, null);
	}

	/**
	 * Start a broker.
	 * @param host the host to listen on
	 * @param port the client port, or {@code 0} for a free one
	 * @param controllerPort the controller port, or {@code 0} for a free one
	 * @param logDir the log folder (created if missing, deleted on {@link #close()}); it
	 * must not hold a formatted broker already; {@code null} for a temporary folder
	 * @return the running broker
	 * @throws IllegalStateException if the storage cannot be formatted or the broker does
	 * not start within {@link #START_TIMEOUT}
	 */
	public static LocalKafkaBroker start(String host, int port, int controllerPort, @Nullable Path logDir) {
		try {
			Path dir = (logDir != null) ? Files.createDirectories(logDir) : Files.createTempDirectory("local-kafka-");
			LocalKafkaBroker broker = new LocalKafkaBroker(host, (port != 0) ? port : freePort(),
					(controllerPort != 0) ? controllerPort : freePort(), dir);
			try {
				broker.format();
				broker.restart();
			}
			catch (RuntimeException ex) {
				broker.close();
				throw ex;
			}
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether something accepts connections on {@code host:port} (a Kafka broker or
	 * anything else), waiting at most half a second.
	 * @param host the host
	 * @param port the port
	 * @return whether a connection could be opened
	 */
	public static boolean isListening(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The bootstrap address for clients.
	 * @return {@code host:port}
	 */
	public String bootstrapServers() {
		return this.host + ":" + this.port;
	}

	/**
	 * The client port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The controller port.
	 * @return the port
	 */
	public int controllerPort() {
		return this.controllerPort;
	}

	/**
	 * The log folder: {@code server.properties} and the broker's data.
	 * @return the folder
	 */
	public Path logDir() {
		return this.logDir;
	}

	/**
	 * Whether the broker is running.
	 * @return whether it is started and not stopped
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Stop the broker, keeping its data; {@link #restart()} starts it again. Does nothing
	 * if it is stopped.
	 */
	public synchronized void stop() {
		KafkaRaftServer running = this.server;
		this.server = null;
		if (running != null) {
			shutdown(running);
		}
	}

	/**
	 * Start the broker again on the same ports with the same data, stopping it first if
	 * it runs.
	 * @throws IllegalStateException if the broker is closed, or does not start within
	 * {@link #START_TIMEOUT}
	 */
	public synchronized void restart() {
		if (this.closed) {
			throw new IllegalStateException("The local Kafka broker on " + bootstrapServers() + " is closed");
		}
		stop();
		KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(this.properties, false), Time.SYSTEM);
		CompletableFuture<Void> started = CompletableFuture.runAsync(starting::startup, (task) -> {
			Thread thread = new Thread(task, "local-kafka-startup");
			thread.setDaemon(true);
			thread.start();
		});
		try {
			started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			shutdown(starting);
			throw new IllegalStateException("The local Kafka broker on " + bootstrapServers() + " did not start within "
					+ START_TIMEOUT.toSeconds() + " s (controller port " + this.controllerPort + ", log folder "
					+ this.logDir + ")");
		}
		catch (ExecutionException ex) {
			shutdown(starting);
			throw new IllegalStateException("The local Kafka broker on " + bootstrapServers() + " failed to start"
					+ " (controller port " + this.controllerPort + "): " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			shutdown(starting);
			throw new IllegalStateException(
					"Interrupted while starting the local Kafka broker on " + bootstrapServers(), ex);
		}
		this.server = starting;
	}

	/**
	 * Stop the broker and delete its log folder. Closing twice does nothing.
	 */
	@Override
	public synchronized void close() {
		stop();
		if (this.closed) {
			return;
		}
		this.closed = true;
		try (Stream<Path> files = Files.walk(this.logDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			logger.debug("Could not delete {}", this.logDir, ex);
		}
	}

	@Override
	public String toString() {
		return "LocalKafkaBroker " + bootstrapServers() + " (" + (isRunning() ? "running" : "stopped") + ")";
	}

	private void format() throws IOException {
		Path config = this.logDir.resolve("server.properties");
		try (OutputStream out = Files.newOutputStream(config)) {
			this.properties.store(out, "local single-node KRaft broker");
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status;
		try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			status = StorageTool$.MODULE$.execute(
					new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString() },
					printStream);
		}
		if (status != 0) {
			throw new IllegalStateException("Formatting the local Kafka broker's storage in " + this.logDir
					+ " failed (" + status + "): " + output.toString(StandardCharsets.UTF_8).strip());
		}
	}

	private static void shutdown(KafkaRaftServer server) {
		try {
			server.shutdown();
			server.awaitShutdown();
		}
		catch (RuntimeException ex) {
			logger.debug("Local Kafka broker shutdown failed", ex);
		}
	}

	private static Properties serverProperties(String host, int port, int controllerPort, Path dataDir) {
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", "1");
		properties.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
		properties.put("listeners",
				"PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("log.dirs", dataDir.toString());
		properties.put("num.partitions", "1");
		properties.put("auto.create.topics.enable", "true");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		return properties;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
