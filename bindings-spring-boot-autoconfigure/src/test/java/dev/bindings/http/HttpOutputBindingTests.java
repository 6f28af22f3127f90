package dev.bindings.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.bindings.BindingException;
import dev.bindings.BindingResponse;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.http.autoconfigure.HttpBindingsAutoConfiguration;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code bindings.http} against a real local HTTP server that records what it
 * got.
 */
class HttpOutputBindingTests {

	record Received(String method, String path, Headers headers, byte[] body) {

	}

	private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	private HttpServer server;

	private DefaultOutputBindingRegistry registry;

	private volatile int status = 200;

	private volatile byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
			exchange.getResponseHeaders().add("X-Answer", "one");
			exchange.getResponseHeaders().add("X-Answer", "two");
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			boolean head = exchange.getRequestMethod().equals("HEAD");
			exchange.sendResponseHeaders(this.status, (head || this.answer.length == 0) ? -1 : this.answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				if (!head) {
					out.write(this.answer);
				}
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		if (this.registry != null) {
			this.registry.destroy();
		}
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/";
	}

	private DefaultBindingClient client(Map<String, String> extra) {
		Map<String, String> metadata = new HashMap<>(extra);
		metadata.putIfAbsent("url", url());
		this.registry = new DefaultOutputBindingRegistry(List
			.of(new ComponentDefinition("web", "bindings.http", "v1", metadata, List.of(), false, null, "test")),
				List.of(new HttpOutputBindingFactory()));
		return new DefaultBindingClient(this.registry, JsonMapper.builder().build()::writeValueAsBytes);
	}

	private Received next() throws InterruptedException {
		Received request = this.received.poll(10, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		return request;
	}

	@Test
	void createPostsTheDataToUrlPlusPathWithJsonDefaults() throws Exception {
		BindingResponse response = client(Map.of()).invoke("web", "create", Map.of("a", 1),
				Map.of("path", "/orders/1", "X-Custom", "c", "lowercase", "not a header"));
		Received request = next();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/orders/1");
		assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
		assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json; charset=utf-8");
		assertThat(request.headers().getFirst("Accept")).isEqualTo("application/json; charset=utf-8");
		assertThat(request.headers().getFirst("X-custom")).isEqualTo("c");
		assertThat(request.headers().containsKey("Lowercase")).isFalse();
		assertThat(response.dataAsString()).isEqualTo("{\"ok\":true}");
		assertThat(response.metadata()).containsEntry("statusCode", "200")
			.containsEntry("status", "200 OK")
			.containsEntry("X-Answer", "one, two")
			.containsEntry("Content-Type", "application/json");
	}

	@Test
	void everyOperationIsItsHttpMethodAndOnlyPostPutPatchSendABody() throws Exception {
		DefaultBindingClient client = client(Map.of());
		for (String operation : List.of("get", "head", "post", "put", "patch", "delete", "options")) {
			client.invoke("web", operation, "body");
			Received request = next();
			assertThat(request.method()).isEqualTo(operation.toUpperCase());
			boolean withBody = List.of("post", "put", "patch").contains(operation);
			assertThat(request.body()).hasSize(withBody ? 6 : 0);
		}
	}

	@Test
	void explicitContentTypeAndAcceptWin() throws Exception {
		client(Map.of()).invoke("web", "post", "x".getBytes(StandardCharsets.UTF_8),
				Map.of("Content-Type", "text/plain", "Accept", "text/html"));
		Received request = next();
		assertThat(request.headers().getFirst("Content-Type")).isEqualTo("text/plain");
		assertThat(request.headers().getFirst("Accept")).isEqualTo("text/html");
	}

	@Test
	void non2xxFailsWithTheStatusAndCarriesTheResponseMetadata() {
		this.status = 404;
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client(Map.of()).invoke("web", "get", null))
			.withMessage("error invoking output binding web: received status code 404")
			.satisfies((ex) -> assertThat(ex.getResponse().metadata()).containsEntry("statusCode", "404")
				.containsEntry("status", "404 Not Found"));
	}

	@Test
	void errorIfNot2XXCanBeTurnedOffPerComponentAndPerRequest() {
		this.status = 500;
		assertThat(client(Map.of("errorIfNot2XX", "false")).invoke("web", "get", null).metadata())
			.containsEntry("statusCode", "500");
		this.registry.destroy();
		assertThat(client(Map.of()).invoke("web", "get", null, Map.of("errorIfNot2XX", "false")).metadata())
			.containsEntry("statusCode", "500");
	}

	@Test
	void emptyUpstreamBodyIsAnEmptyResponseNotNoContent() {
		this.answer = new byte[0];
		BindingResponse response = client(Map.of()).invoke("web", "get", null);
		assertThat(response.hasContent()).isTrue();
		assertThat(response.data()).isEmpty();
	}

	@Test
	void responsesOverTheLimitAreCut() {
		this.answer = "0123456789".getBytes(StandardCharsets.UTF_8);
		assertThat(client(Map.of("maxResponseBodySize", "4")).invoke("web", "get", null).dataAsString())
			.isEqualTo("0123");
	}

	@Test
	void securityTokenIsSentInItsHeader() throws Exception {
		client(Map.of("securityToken", "t0k3n", "securityTokenHeader", "X-Token")).invoke("web", "get", null);
		assertThat(next().headers().getFirst("X-Token")).isEqualTo("t0k3n");
	}

	@Test
	void traceHeadersAreForwarded() throws Exception {
		client(Map.of()).invoke("web", "get", null,
				Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "baggage", "a=b"));
		Received request = next();
		assertThat(request.headers().getFirst("traceparent")).startsWith("00-4bf92f");
		assertThat(request.headers().getFirst("baggage")).isEqualTo("a=b");
	}

	@Test
	void pathCannotChangeTheHostOrPort() throws Exception {
		DefaultBindingClient client = client(Map.of("url", "http://127.0.0.1:" + this.server.getAddress().getPort()));
		for (String path : List.of("\\\\evil.example", "a\r\nHost: evil")) {
			assertThatExceptionOfType(BindingException.class)
				.isThrownBy(() -> client.invoke("web", "get", null, Map.of("path", path)))
				.withMessageContaining("invalid path metadata");
		}
		assertThat(this.received).isEmpty();
		client.invoke("web", "get", null, Map.of("path", "@evil.example/x"));
		assertThat(next().path()).isEqualTo("/@evil.example/x");
	}

	@Test
	void unreachableServerFailsWithoutHanging() throws Exception {
		this.server.stop(0);
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client(Map.of()).invoke("web", "get", null))
			.withMessageStartingWith("error invoking output binding web: error invoking the HTTP endpoint");
	}

	@Test
	void missingUrlFailsAtStartup() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new HttpOutputBindingFactory().create(
					new ComponentDefinition("web", "bindings.http", "v1", Map.of(), List.of(), false, null, "test")))
			.withMessage("missing 'url' metadata");
	}

	@Test
	void headerNamesAreCanonicalAsInGo() {
		assertThat(HttpOutputBinding.canonical("content-type")).isEqualTo("Content-Type");
		assertThat(HttpOutputBinding.canonical("x-REQUEST-id")).isEqualTo("X-Request-Id");
	}

	@Test
	void autoConfigurationCreatesTheBinding() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					HttpBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.web.type=bindings.http",
					"bindings.components.web.metadata.url=" + url())
			.run((context) -> assertThat(context).hasBean("web"));
	}

}
