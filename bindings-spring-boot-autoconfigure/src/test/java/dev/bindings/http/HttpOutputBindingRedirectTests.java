package dev.bindings.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bindings.BindingException;
import dev.bindings.BindingResponse;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the redirects of {@code bindings.http}, with two real local HTTP servers on
 * different ports (so different origins): the component's, and another one that records
 * whatever reaches it.
 */
class HttpOutputBindingRedirectTests {

	record Received(String method, String path, Headers headers, byte[] body) {

	}

	private static final String TOKEN = "t0k3n-never-elsewhere";

	private final BlockingQueue<Received> configuredReceived = new LinkedBlockingQueue<>();

	private final BlockingQueue<Received> otherReceived = new LinkedBlockingQueue<>();

	private HttpServer configured;

	private HttpServer other;

	private DefaultOutputBindingRegistry registry;

	@BeforeEach
	void startServers() throws IOException {
		this.other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.other.createContext("/", (exchange) -> {
			this.otherReceived.add(record(exchange));
			answer(exchange, 200, "stolen");
		});
		this.other.start();
		this.configured = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.configured.createContext("/", (exchange) -> {
			this.configuredReceived.add(record(exchange));
			String path = exchange.getRequestURI().getPath();
			int port = this.configured.getAddress().getPort();
			switch (path) {
				case "/api/away" -> redirect(exchange, 302, otherUrl() + "steal");
				case "/api/away-by-name" -> redirect(exchange, 302, "http://localhost:" + port + "/api/final");
				case "/api/away-by-scheme" -> redirect(exchange, 301, "https://127.0.0.1:" + port + "/api/final");
				case "/api/away-by-port" -> redirect(exchange, 307, otherUrl() + "api/final");
				case "/api/relative" -> redirect(exchange, 302, "final");
				case "/api/absolute" -> redirect(exchange, 308, "http://127.0.0.1:" + port + "/api/final");
				case "/api/see-other" -> redirect(exchange, 303, "/api/final");
				case "/api/temporary" -> redirect(exchange, 307, "/api/final");
				case "/api/loop" -> redirect(exchange, 302, "/api/loop");
				default -> answer(exchange, 200, "done");
			}
		});
		this.configured.start();
	}

	@AfterEach
	void stop() {
		this.configured.stop(0);
		this.other.stop(0);
		if (this.registry != null) {
			this.registry.destroy();
		}
	}

	private static Received record(HttpExchange exchange) throws IOException {
		return new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
	}

	private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
		exchange.getResponseHeaders().add("Location", location);
		answer(exchange, status, "moved");
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private String otherUrl() {
		return "http://127.0.0.1:" + this.other.getAddress().getPort() + "/";
	}

	private DefaultBindingClient client(Map<String, String> extra) {
		Map<String, String> metadata = new HashMap<>(extra);
		metadata.put("url", "http://127.0.0.1:" + this.configured.getAddress().getPort() + "/api");
		metadata.put("securityToken", TOKEN);
		metadata.put("securityTokenHeader", "X-Token");
		this.registry = new DefaultOutputBindingRegistry(List
			.of(new ComponentDefinition("web", "bindings.http", "v1", metadata, List.of(), false, null, "test")),
				List.of(new HttpOutputBindingFactory()));
		return new DefaultBindingClient(this.registry, JsonMapper.builder().build()::writeValueAsBytes);
	}

	private static List<Received> drain(BlockingQueue<Received> queue) {
		List<Received> all = new ArrayList<>();
		queue.drainTo(all);
		return all;
	}

	@Test
	void redirectToAnotherOriginIsNotFollowedAndFailsWithItsStatusAndLocation() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(Map.of()).invoke("web", "get", null,
					Map.of("path", "away", "Authorization", "Bearer caller-secret", "traceparent",
							"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")))
			.withMessage("error invoking output binding web: received status code 302")
			.satisfies((ex) -> assertThat(ex.getResponse().metadata()).containsEntry("statusCode", "302")
				.containsEntry("status", "302 Found")
				.containsEntry("Location", otherUrl() + "steal"));
		// the answer came from the configured server, so any request to the other one
		// would have been sent before it
		assertThat(drain(this.otherReceived)).isEmpty();
		List<Received> configured = drain(this.configuredReceived);
		assertThat(configured).singleElement().satisfies((request) -> {
			assertThat(request.headers().getFirst("X-Token")).isEqualTo(TOKEN);
			assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer caller-secret");
		});
	}

	@Test
	void redirectToAnotherOriginIsTheAnswerWithoutErrorIfNot2XX() {
		BindingResponse response = client(Map.of("errorIfNot2XX", "false")).invoke("web", "post",
				"body".getBytes(StandardCharsets.UTF_8), Map.of("path", "away"));
		assertThat(response.metadata()).containsEntry("statusCode", "302")
			.containsEntry("Location", otherUrl() + "steal");
		assertThat(response.dataAsString()).isEqualTo("moved");
		assertThat(drain(this.otherReceived)).isEmpty();
	}

	@Test
	void anotherHostNameSchemeOrPortIsAnotherOrigin() {
		DefaultBindingClient client = client(Map.of("errorIfNot2XX", "false"));
		assertThat(client.invoke("web", "get", null, Map.of("path", "away-by-name")).metadata())
			.containsEntry("statusCode", "302");
		assertThat(client.invoke("web", "get", null, Map.of("path", "away-by-scheme")).metadata())
			.containsEntry("statusCode", "301");
		assertThat(client.invoke("web", "get", null, Map.of("path", "away-by-port")).metadata())
			.containsEntry("statusCode", "307");
		assertThat(drain(this.configuredReceived)).extracting(Received::path)
			.containsExactly("/api/away-by-name", "/api/away-by-scheme", "/api/away-by-port");
		assertThat(drain(this.otherReceived)).isEmpty();
	}

	@Test
	void redirectOnTheSameOriginIsFollowedWithTheTokenAndHeaders() {
		DefaultBindingClient client = client(Map.of());
		BindingResponse response = client.invoke("web", "get", null, Map.of("path", "relative", "X-Caller", "c"));
		assertThat(response.dataAsString()).isEqualTo("done");
		assertThat(response.metadata()).containsEntry("statusCode", "200");
		assertThat(client.invoke("web", "get", null, Map.of("path", "absolute")).dataAsString()).isEqualTo("done");
		List<Received> received = drain(this.configuredReceived);
		assertThat(received).extracting(Received::path)
			.containsExactly("/api/relative", "/api/final", "/api/absolute", "/api/final");
		assertThat(received)
			.allSatisfy((request) -> assertThat(request.headers().getFirst("X-Token")).isEqualTo(TOKEN));
		assertThat(received.get(1).headers().getFirst("X-Caller")).isEqualTo("c");
		assertThat(drain(this.otherReceived)).isEmpty();
	}

	@Test
	void seeOtherTurnsAPostIntoAGetWhileTemporaryRedirectKeepsItAndItsBody() {
		DefaultBindingClient client = client(Map.of());
		byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		client.invoke("web", "post", body, Map.of("path", "see-other"));
		client.invoke("web", "post", body, Map.of("path", "temporary"));
		List<Received> received = drain(this.configuredReceived);
		assertThat(received).extracting(Received::method).containsExactly("POST", "GET", "POST", "POST");
		assertThat(received.get(1).body()).isEmpty();
		assertThat(received.get(3).body()).isEqualTo(body);
	}

	@Test
	void redirectsStopAfterTheLimit() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(Map.of()).invoke("web", "get", null, Map.of("path", "loop")))
			.withMessage("error invoking output binding web: error invoking the HTTP endpoint: stopped after "
					+ HttpOutputBinding.MAX_REDIRECTS + " redirects");
		assertThat(drain(this.configuredReceived)).hasSize(HttpOutputBinding.MAX_REDIRECTS + 1);
	}

}
