package dev.bindings.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingEvent;
import dev.bindings.BindingListener;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application consuming a Kafka input binding is killed ({@code SIGKILL}, no graceful
 * shutdown) in the middle of a stream and started again in the same consumer group: every
 * record is handled at least once, and in each run the records of a key arrive in the
 * order they were produced. The application runs in a JVM of its own, so the kill is
 * real; its handler appends each record to a file.
 */
class KafkaKilledConsumerTests {

	private static final int RECORDS = 1000;

	private static final int KEYS = 8;

	private static final String TOPIC = "killed-consumer";

	private static final Duration WAIT = Duration.ofSeconds(120);

	private static EmbeddedKafkaKraftBroker broker;

	@TempDir
	Path folder;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		broker.addTopics(new NewTopic(TOPIC, 4, (short) 1));
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void nothingIsLostWhenTheApplicationIsKilledMidStreamAndStartedAgain() throws Exception {
		produce();
		Path handled = this.folder.resolve("handled.txt");
		Process first = start(handled, "first");
		try {
			await().atMost(WAIT).until(() -> lines(handled).size() >= RECORDS / 4);
		}
		finally {
			first.destroyForcibly();
			assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the first application exited").isTrue();
		}
		List<String> beforeKill = lines(handled);
		assertThat(distinctRecords(beforeKill)).as("killed in the middle of the stream").hasSizeLessThan(RECORDS);
		Process second = start(handled, "second");
		try {
			await().atMost(WAIT).until(() -> distinctRecords(lines(handled)).size() >= RECORDS);
		}
		finally {
			second.destroy();
			second.waitFor(60, TimeUnit.SECONDS);
			if (second.isAlive()) {
				second.destroyForcibly();
			}
		}
		List<String> all = lines(handled);
		assertThat(distinctRecords(all)).hasSize(RECORDS);
		assertOrderPerKeyWithinEachRun(all);
	}

	private static void produce() throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.ACKS_CONFIG,
						"all"),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < RECORDS; i++) {
				String key = "k" + (i % KEYS);
				producer.send(new ProducerRecord<>(TOPIC, key, key + ":" + (i / KEYS)));
			}
			producer.flush();
		}
	}

	private Process start(Path handled, String run) throws IOException {
		Path log = this.folder.resolve(run + ".log");
		return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), ConsumerApplication.class.getName(), handled.toString(), run,
				"--bindings.components-path=", "--bindings.http.port=0", "--bindings.grpc.port=0",
				"--bindings.components.in.type=bindings.kafka",
				"--bindings.components.in.metadata.brokers=" + broker.getBrokersAsString(),
				"--bindings.components.in.metadata.topics=" + TOPIC,
				"--bindings.components.in.metadata.consumerGroup=killed-consumer",
				"--bindings.components.in.metadata.initialOffset=oldest",
				"--bindings.components.in.metadata.sessionTimeout=6s",
				"--bindings.components.in.metadata.heartbeatInterval=1s",
				"--bindings.components.in.metadata.direction=input"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private static List<String> lines(Path file) throws IOException {
		if (!Files.exists(file)) {
			return List.of();
		}
		List<String> lines = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			// the last line may be partly written when the application was killed
			if (line.matches("(run .+|k\\d+:\\d+)")) {
				lines.add(line);
			}
		}
		return lines;
	}

	private static Set<String> distinctRecords(List<String> lines) {
		Set<String> records = new HashSet<>();
		for (String line : lines) {
			if (!line.startsWith("run ")) {
				records.add(line);
			}
		}
		return records;
	}

	private static void assertOrderPerKeyWithinEachRun(List<String> lines) {
		Map<String, Integer> last = new HashMap<>();
		for (String line : lines) {
			if (line.startsWith("run ")) {
				last.clear();
				continue;
			}
			String[] parts = line.split(":");
			int sequence = Integer.parseInt(parts[1]);
			Integer previous = last.put(parts[0], sequence);
			if (previous != null) {
				assertThat(sequence).as("order of key %s", parts[0]).isGreaterThan(previous);
			}
		}
	}

	/**
	 * The application that is killed: a {@link BindingListener} appending each record's
	 * value to a file.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ConsumerApplication {

		private final Path handled;

		ConsumerApplication() {
			this.handled = Path.of(System.getProperty("handled"));
		}

		@BindingListener("in")
		void on(BindingEvent event) throws IOException, InterruptedException {
			append(this.handled, event.dataAsString());
			// slow enough that the kill falls in the middle of the stream
			Thread.sleep(2);
		}

		static void append(Path file, String line) throws IOException {
			Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}

		public static void main(String[] args) throws IOException {
			System.setProperty("handled", args[0]);
			append(Path.of(args[0]), "run " + args[1]);
			SpringApplication application = new SpringApplication(ConsumerApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.run(Arrays.copyOfRange(args, 2, args.length));
		}

	}

}
