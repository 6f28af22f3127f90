package dev.bindings.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.BindingRequest;
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

import static dev.bindings.test.Bindings.component;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the bounds of {@code bindings.http}: the response size limit and the response
 * timeout, against a real local HTTP server that answers too much or not at all.
 */
class HttpOutputBindingLimitsTests {

	private static final int KB = 1024;

	private final CountDownLatch release = new CountDownLatch(1);

	private final CompletableFuture<Long> streamed = new CompletableFuture<>();

	private ExecutorService executor;

	private HttpServer server;

	private DefaultOutputBindingRegistry registry;

	@BeforeEach
	void startServer() throws IOException {
		this.executor = Executors.newCachedThreadPool();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			switch (exchange.getRequestURI().getPath()) {
				case "/small" -> answer(exchange, new byte[10 * KB], true);
				case "/large" -> answer(exchange, new byte[64 * KB], true);
				case "/large-chunked" -> answer(exchange, new byte[64 * KB], false);
				case "/endless" -> endless(exchange);
				case "/silent" -> await();
				case "/stalling" -> {
					exchange.sendResponseHeaders(200, 0);
					exchange.getResponseBody().write(new byte[10]);
					exchange.getResponseBody().flush();
					await();
				}
				default -> answer(exchange, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), true);
			}
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
		if (this.registry != null) {
			this.registry.destroy();
		}
	}

	private static void answer(HttpExchange exchange, byte[] body, boolean withLength) throws IOException {
		exchange.sendResponseHeaders(200, withLength ? body.length : 0);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * Streams up to 1 GB in chunks and tells how far it got: a failed write means the
	 * client closed the connection.
	 */
	private void endless(HttpExchange exchange) throws IOException {
		byte[] chunk = new byte[64 * KB];
		Arrays.fill(chunk, (byte) 'x');
		long written = 0;
		exchange.sendResponseHeaders(200, 0);
		try {
			OutputStream out = exchange.getResponseBody();
			while (written < 1024L * 1024 * 1024) {
				out.write(chunk);
				written += chunk.length;
			}
			out.close();
			this.streamed.complete(written);
		}
		catch (IOException ex) {
			this.streamed.completeExceptionally(new IOException("write failed after " + written + " bytes", ex));
		}
	}

	private void await() {
		try {
			this.release.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/";
	}

	private DefaultBindingClient client(long maxResponseSize, Map<String, String> extra) {
		Map<String, String> metadata = new HashMap<>(extra);
		metadata.put("url", url());
		this.registry = new DefaultOutputBindingRegistry(List
			.of(new ComponentDefinition("web", "bindings.http", "v1", metadata, List.of(), false, null, "test")),
				List.of(new HttpOutputBindingFactory(maxResponseSize)));
		return new DefaultBindingClient(this.registry, JsonMapper.builder().build()::writeValueAsBytes);
	}

	@Test
	void bodyWithinTheLimitIsAnswered() {
		assertThat(client(16 * KB, Map.of()).invoke("web", "get", null, Map.of("path", "small")).data())
			.hasSize(10 * KB);
	}

	@Test
	void announcedBodyOverTheLimitFailsNamingTheLimit() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(16 * KB, Map.of()).invoke("web", "get", null, Map.of("path", "large")))
			.withMessage("error invoking output binding web: error reading response body: the response is larger "
					+ "than 16KB, the limit set by bindings.limits.max-response-size");
	}

	@Test
	void chunkedBodyOverTheLimitFailsNamingTheLimit() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(16 * KB, Map.of()).invoke("web", "get", null, Map.of("path", "large-chunked")))
			.withMessage("error invoking output binding web: error reading response body: the response is larger "
					+ "than 16KB, the limit set by bindings.limits.max-response-size");
	}

	@Test
	void endlessBodyIsNotReadPastTheLimit() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(1024 * KB, Map.of()).invoke("web", "get", null, Map.of("path", "endless")))
			.withMessageContaining(
					"the response is larger than 1MB, the limit set by bindings.limits.max-response-size");
		// the connection was closed: the server's writes failed long before 1 GB
		assertThat(this.streamed).failsWithin(Duration.ofSeconds(30));
	}

	@Test
	void largerMaxResponseBodySizeDoesNotRaiseTheLimit() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(16 * KB, Map.of("maxResponseBodySize", "1Mi")).invoke("web", "get", null,
					Map.of("path", "large-chunked")))
			.withMessageContaining("bindings.limits.max-response-size");
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(16 * KB, Map.of("maxResponseBodySize", "0")).invoke("web", "get", null,
					Map.of("path", "large")))
			.withMessageContaining("bindings.limits.max-response-size");
	}

	@Test
	void smallerMaxResponseBodySizeCutsTheBodyAsDaprDoes() {
		assertThat(client(16 * KB, Map.of("maxResponseBodySize", "1Ki"))
			.invoke("web", "get", null, Map.of("path", "large"))
			.data()).hasSize(KB);
	}

	@Test
	void upstreamThatNeverAnswersFailsAfterTheResponseTimeout() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(16 * KB, Map.of("responseTimeout", "300ms")).invoke("web", "get", null,
					Map.of("path", "silent")))
			.withMessage("error invoking output binding web: error invoking the HTTP endpoint: "
					+ "no complete response within 300ms (the component's responseTimeout)");
	}

	@Test
	void bodyThatStallsFailsAfterTheResponseTimeout() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(16 * KB, Map.of("responseTimeout", "1s")).invoke("web", "get", null,
					Map.of("path", "stalling")))
			.withMessage("error invoking output binding web: error invoking the HTTP endpoint: "
					+ "no complete response within 1s (the component's responseTimeout)");
	}

	@Test
	void cancellingTheCallClosesItsConnection() throws Exception {
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Void> received = new CompletableFuture<>();
			CompletableFuture<String> closed = new CompletableFuture<>();
			Thread server = new Thread(() -> {
				try (Socket socket = listener.accept()) {
					socket.setSoTimeout(60_000);
					InputStream in = socket.getInputStream();
					// the request's head, then nothing: no answer, until the client
					// closes
					int matched = 0;
					while (matched < 4) {
						int next = in.read();
						if (next == -1) {
							break;
						}
						matched = (next == "\r\n\r\n".charAt(matched)) ? matched + 1 : 0;
					}
					received.complete(null);
					closed.complete((in.read() == -1) ? "closed" : "more data");
				}
				catch (IOException ex) {
					received.complete(null);
					closed.complete("closed: " + ex.getMessage());
				}
			}, "silent-server");
			server.setDaemon(true);
			server.start();
			HttpOutputBinding binding = (HttpOutputBinding) new HttpOutputBindingFactory()
				.create(component("web", "bindings.http",
						Map.of("url", "http://127.0.0.1:" + listener.getLocalPort() + "/", "responseTimeout", "0")));
			CompletableFuture<BindingResponse> call = binding.invoke(new BindingRequest("get", null, Map.of()));
			assertThat(received).succeedsWithin(Duration.ofSeconds(30));
			call.cancel(false);
			assertThat(closed).succeedsWithin(Duration.ofSeconds(30)).asString().startsWith("closed");
		}
	}

	@Test
	void responseTimeoutDefaultsToThirtySecondsAndZeroMeansNone() {
		HttpOutputBindingFactory factory = new HttpOutputBindingFactory();
		HttpOutputBinding binding = (HttpOutputBinding) factory
			.create(component("web", "bindings.http", Map.of("url", url())));
		assertThat(binding.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
		HttpOutputBinding unlimited = (HttpOutputBinding) factory
			.create(component("web", "bindings.http", Map.of("url", url(), "responseTimeout", "0s")));
		assertThat(unlimited.responseTimeout()).isNull();
	}

	@Test
	void autoConfigurationAppliesTheApplicationsLimit() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					HttpBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.web.type=bindings.http",
					"bindings.components.web.metadata.url=" + url(), "bindings.limits.max-response-size=8KB")
			.run((context) -> {
				BindingClient client = context.getBean(BindingClient.class);
				assertThat(client.invoke("web", "get", null, Map.of("path", "ok")).dataAsString())
					.isEqualTo("{\"ok\":true}");
				assertThatExceptionOfType(BindingException.class)
					.isThrownBy(() -> client.invoke("web", "get", null, Map.of("path", "small")))
					.withMessageContaining("larger than 8KB, the limit set by bindings.limits.max-response-size");
			});
	}

}
