package dev.bindings.aotsmoke;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;
import dev.bindings.grpc.proto.DaprBindingsProtos.GetMetadataRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.RegisteredComponents;
import dev.bindings.grpc.proto.DaprGrpc;
import dev.bindings.localkafka.LocalKafkaBroker;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs this module's jar, processed ahead of time by the build, as a user runs it:
 * {@code java -Dspring.aot.enabled=true -jar ...} in a JVM of its own, against a Kafka
 * broker started by the test. The processed application answers as the same jar run
 * without AOT, and uses the components of the environment it starts in.
 */
class ProcessedApplicationTests {

	private static final Duration STARTUP = Duration.ofSeconds(180);

	private static final Duration RECORD_WAIT = Duration.ofSeconds(60);

	private static final String QUICKSTART = "{\"data\":{\"message\":\"Hi!\"},\"operation\":\"create\"}";

	private static LocalKafkaBroker broker;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path folder;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = LocalKafkaBroker.start("localhost", 0);
		// created up front: automatic creation can outlast the producers' 5 s metadata
		// wait
		// on a busy machine
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			admin
				.createTopics(Stream.of("smoke-topic", "smoke-audit", "changed-topic")
					.map((topic) -> new NewTopic(topic, 1, (short) 1))
					.toList())
				.all()
				.get(60, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void processedApplicationAnswersAsThePlainOne() throws Exception {
		String plainMetadata;
		String plainBindings;
		try (RunningApplication plain = start(false, "plain", List.of())) {
			assertThat(plain.output()).doesNotContain("AOT-processed");
			plainMetadata = plain.dapr("GET", "/v1.0/metadata", null).body();
			plainBindings = plain.app("GET", "/output-bindings", null).body();
		}
		assertThat(plainMetadata).contains("\"name\":\"myevent\"", "\"name\":\"audit\"");
		try (RunningApplication app = start(true, "aot", List.of())) {
			assertThat(app.output()).contains("Starting AOT-processed AotSmokeApplication");
			// the same components, from the folder and from application.yml
			assertThat(app.dapr("GET", "/v1.0/metadata", null).body()).isEqualTo(plainMetadata);
			// BindingClient and the OutputBinding beans are injectable
			assertThat(app.app("GET", "/output-bindings", null).body()).isEqualTo(plainBindings)
				.isEqualTo("[\"audit\",\"myevent\"]");
			// the quickstart: 204 once the broker has the record
			HttpResponse<String> quickstart = app.dapr("POST", "/v1.0/bindings/myevent", QUICKSTART);
			assertThat(quickstart.statusCode()).as(quickstart.body()).isEqualTo(204);
			awaitRecord("smoke-topic", "{\"message\":\"Hi!\"}");
			// the Java side: BindingClient, then the 'audit' OutputBinding bean
			assertThat(app.app("POST", "/orders/7", "{\"item\":\"book\"}").statusCode()).isEqualTo(202);
			awaitRecord("smoke-audit", "order 7 placed");
			// Dapr's gRPC API
			ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", app.grpcPort).usePlaintext().build();
			try {
				DaprGrpc.DaprBlockingStub dapr = DaprGrpc.newBlockingStub(channel)
					.withDeadlineAfter(30, TimeUnit.SECONDS);
				assertThat(dapr.getMetadata(GetMetadataRequest.getDefaultInstance()).getRegisteredComponentsList())
					.extracting(RegisteredComponents::getName)
					.containsExactlyInAnyOrder("myevent", "audit");
				dapr.invokeBinding(InvokeBindingRequest.newBuilder()
					.setName("myevent")
					.setOperation("create")
					.setData(ByteString.copyFromUtf8("\"over gRPC\""))
					.build());
				awaitRecord("smoke-topic", "\"over gRPC\"");
			}
			finally {
				channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			}
			// Actuator: the endpoint, the health contributor, the observations' metrics
			assertThat(app.app("GET", "/actuator/bindings", null).body()).contains("\"name\":\"myevent\"",
					"\"name\":\"audit\"");
			assertThat(app.app("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
			assertThat(app.app("GET", "/actuator/metrics/dapr_component_output_binding_count", null).statusCode())
				.isEqualTo(200);
			assertThat(app.app("GET", "/actuator/metrics/bindings.invocation", null).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void componentsChangedAfterTheBuildAreThoseTheProcessedApplicationUses() throws Exception {
		// as a config map mounted where the application runs: 'myevent' moved to another
		// topic, one more component in the folder, one more in the properties
		Path components = Files.createDirectories(this.folder.resolve("mounted-components"));
		Files.writeString(components.resolve("binding.yaml"), component("myevent", "bindings.kafka",
				Map.of("brokers", "localhost:9092", "publishTopic", "changed-topic")));
		Path files = this.folder.resolve("files");
		Files.writeString(components.resolve("late.yaml"),
				component("late", "bindings.localstorage", Map.of("rootPath", files.toString())));
		List<String> args = List.of("--bindings.components-path=" + components,
				"--bindings.components.extra.type=bindings.localstorage",
				"--bindings.components.extra.metadata.rootPath=" + this.folder.resolve("extra"));
		try (RunningApplication app = start(true, "changed", args)) {
			assertThat(app.output()).contains("Starting AOT-processed AotSmokeApplication");
			assertThat(app.dapr("GET", "/v1.0/metadata", null).body()).contains("\"name\":\"myevent\"",
					"\"name\":\"late\"", "\"name\":\"extra\"", "\"name\":\"audit\"");
			assertThat(app.app("GET", "/output-bindings", null).body())
				.isEqualTo("[\"audit\",\"extra\",\"late\",\"myevent\"]");
			HttpResponse<String> quickstart = app.dapr("POST", "/v1.0/bindings/myevent", QUICKSTART);
			assertThat(quickstart.statusCode()).as(quickstart.body()).isEqualTo(204);
			awaitRecord("changed-topic", "{\"message\":\"Hi!\"}");
			HttpResponse<String> written = app.dapr("POST", "/v1.0/bindings/late",
					"{\"data\":\"from the processed app\",\"operation\":\"create\",\"metadata\":{\"fileName\":\"a.txt\"}}");
			assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
			assertThat(files.resolve("a.txt")).hasContent("from the processed app");
		}
	}

	private RunningApplication start(boolean aot, String name, List<String> args) throws Exception {
		return RunningApplication.start(aot, this.folder.resolve(name + ".log"), args, this.http);
	}

	private static String component(String name, String type, Map<String, String> metadata) {
		StringBuilder yaml = new StringBuilder("""
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: %s
				spec:
				  type: %s
				  version: v1
				  metadata:
				""".formatted(name, type));
		metadata.forEach((key,
				value) -> yaml.append("  - name: ").append(key).append("\n    value: \"").append(value).append("\"\n"));
		return yaml.toString();
	}

	/**
	 * Wait until the topic holds a record with the value, reading it from the beginning.
	 */
	private static void awaitRecord(String topic, String value) {
		List<String> seen = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
						false),
				new StringDeserializer(), new StringDeserializer())) {
			List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
			List<TopicPartition> assigned = partitions.stream()
				.map((partition) -> new TopicPartition(topic, partition.partition()))
				.toList();
			consumer.assign(assigned);
			consumer.seekToBeginning(assigned);
			long deadline = System.nanoTime() + RECORD_WAIT.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					seen.add(record.value());
					if (value.equals(record.value())) {
						return;
					}
				}
			}
		}
		throw new AssertionError(
				"no record " + value + " in topic " + topic + " within " + RECORD_WAIT + "; records seen: " + seen);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The module's jar running in a JVM of its own, until closed.
	 */
	private static final class RunningApplication implements AutoCloseable {

		private final Process process;

		private final Path log;

		private final HttpClient http;

		private final int appPort;

		private final int daprPort;

		private final int grpcPort;

		private RunningApplication(Process process, Path log, HttpClient http, int appPort, int daprPort,
				int grpcPort) {
			this.process = process;
			this.log = log;
			this.http = http;
			this.appPort = appPort;
			this.daprPort = daprPort;
			this.grpcPort = grpcPort;
		}

		static RunningApplication start(boolean aot, Path log, List<String> args, HttpClient http) throws Exception {
			String jar = System.getProperty("aot-smoke.jar");
			assertThat(jar).as("system property aot-smoke.jar (set by the build)").isNotNull();
			int appPort = freePort();
			int daprPort = freePort();
			int grpcPort = freePort();
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
			if (aot) {
				command.add("-Dspring.aot.enabled=true");
			}
			command.addAll(List.of("-jar", jar, "--server.port=" + appPort, "--bindings.http.port=" + daprPort,
					"--bindings.grpc.port=" + grpcPort,
					"--bindings.kafka.brokers-override=" + broker.bootstrapServers(),
					"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers()));
			command.addAll(args);
			// the module's folder: its components/ folder is the default component path
			Process process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			RunningApplication application = new RunningApplication(process, log, http, appPort, daprPort, grpcPort);
			try {
				application.awaitReady();
			}
			catch (Throwable ex) {
				application.close();
				throw ex;
			}
			return application;
		}

		private void awaitReady() throws Exception {
			long deadline = System.nanoTime() + STARTUP.toNanos();
			while (System.nanoTime() < deadline) {
				assertThat(this.process.isAlive()).as("the application is running; its output:%n%s", output()).isTrue();
				try {
					if (dapr("GET", "/v1.0/healthz", null).statusCode() == 204) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(250);
			}
			throw new AssertionError("the application was not ready within " + STARTUP + "; its output:\n" + output());
		}

		HttpResponse<String> dapr(String method, String path, String body) throws Exception {
			return send(this.daprPort, method, path, body);
		}

		HttpResponse<String> app(String method, String path, String body) throws Exception {
			return send(this.appPort, method, path, body);
		}

		private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.method(method,
						(body != null) ? HttpRequest.BodyPublishers.ofString(body)
								: HttpRequest.BodyPublishers.noBody())
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}

		String output() throws IOException {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}

	}

}
