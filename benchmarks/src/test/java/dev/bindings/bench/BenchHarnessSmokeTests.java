package dev.bindings.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.bindings.localkafka.LocalKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke test of the harness (no measurement): the broker starts on fixed ports, the
 * bench app serves its endpoints, each acknowledged request is one record, and the
 * figures endpoints answer. The benchmarks themselves run with {@code benchmarks/run.sh}.
 */
class BenchHarnessSmokeTests {

	private static final String ENVELOPE = "{\"data\":{\"message\":\"hi\"},\"operation\":\"create\"}";

	@TempDir
	static Path tempDir;

	private static LocalKafkaBroker broker;

	private static String brokerAddress;

	private static ConfigurableApplicationContext app;

	private static int port;

	private static int daprPort;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		broker = LocalKafkaBroker.start("localhost", 0, 0, tempDir.resolve("kafka"));
		brokerAddress = broker.bootstrapServers();
		app = new SpringApplicationBuilder(BenchApplication.class)
			.properties("BENCH_PORT=0", "BENCH_DAPR_PORT=0", "BENCH_BROKER=" + brokerAddress,
					"spring.main.banner-mode=off")
			.run();
		port = ((WebServerApplicationContext) app).getWebServer().getPort();
		daprPort = app.getEnvironment().getRequiredProperty("local.bindings.http.port", Integer.class);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void everyEndpointAcknowledgesAndEachAcknowledgedRequestIsOneRecord() throws Exception {
		for (String path : List.of("/noop", "/handwritten", "/handwritten-linger0", "/v1.0/bindings/bench")) {
			HttpResponse<String> response = post(path, ENVELOPE);
			assertThat(response.statusCode()).as(path).isEqualTo(204);
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokerAddress))) {
			assertThat(EndOffsets.endOffsets(admin, List.of("bench-b", "bench-b0", "bench-c")))
				.containsExactly(Map.entry("bench-b", 1L), Map.entry("bench-b0", 1L), Map.entry("bench-c", 1L));
		}
	}

	@Test
	void figuresEndpointsAnswer() throws Exception {
		assertThat(post("/bench/alloc/begin", "").statusCode()).isEqualTo(200);
		post("/noop", ENVELOPE);
		assertThat(post("/bench/alloc/end", "").body()).contains("\"allocatedBytes\":");
		assertThat(this.http
			.send(HttpRequest.newBuilder(uri("/bench/stats")).build(), HttpResponse.BodyHandlers.ofString())
			.body()).contains("\"heapUsedBytes\":").contains("\"starter\":true");
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create("http://localhost:" + (path.startsWith("/v1.0/") ? daprPort : port) + path);
	}

}
