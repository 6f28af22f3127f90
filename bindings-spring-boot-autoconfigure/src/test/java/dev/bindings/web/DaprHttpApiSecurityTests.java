package dev.bindings.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.bindings.test.TestBindingFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who can reach Dapr's HTTP API, through real sockets: only its own listener serves it,
 * on loopback; browser pages, DNS rebinding and spellings of a path cannot get around the
 * origin, host and token checks; what Tomcat rejects is answered in Dapr's shape. Every
 * refused request is shown not to have reached the binding.
 */
@SpringBootTest(classes = DaprHttpApiSecurityTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "bindings.components.counted.type=bindings.test.counting",
				"bindings.api-token=s3cret", "bindings.http.allowed-origins=https://admin.example",
				"bindings.http.allowed-hosts=dapr.internal" })
class DaprHttpApiSecurityTests {

	private static final String TOKEN = "s3cret";

	@LocalDaprHttpPort
	int daprPort;

	@LocalServerPort
	int appPort;

	@Autowired
	TestBindingFactory binding;

	@Autowired
	DaprHttpServer server;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void reset() {
		this.binding.reset();
	}

	@Test
	void theApiHasAListenerOfItsOwn() {
		assertThat(this.daprPort).isPositive().isNotEqualTo(this.appPort);
	}

	@Test
	void theApplicationsPortDoesNotServeTheApi() throws Exception {
		HttpResponse<String> response = post(this.appPort, "/v1.0/bindings/counted", TOKEN, null, null);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.binding.invocations()).isEqualTo(0);
		assertThat(get(this.appPort, "/v1.0/metadata", TOKEN).statusCode()).isEqualTo(404);
	}

	@Test
	void aRequestWithTheTokenIsServed() throws Exception {
		assertThat(post(this.daprPort, "/v1.0/bindings/counted", TOKEN, null, null).statusCode()).isEqualTo(204);
		assertThat(this.binding.invocations()).isEqualTo(1);
	}

	@Test
	void theListenerIsBoundToLoopbackOnly() throws Exception {
		// what Tomcat's sockets are bound to: tests send traffic to loopback only, never
		// to the
		// machine's other addresses
		assertThat(this.server.getAddresses()).isNotEmpty()
			.allSatisfy((address) -> assertThat(address.getAddress().isLoopbackAddress()).isTrue())
			.anySatisfy((address) -> assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1"))
			.allSatisfy((address) -> assertThat(address.getPort()).isEqualTo(this.daprPort));
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.daprPort), 2000);
			assertThat(socket.isConnected()).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1.0;x/metadata", "/v1%2E0/metadata", "/%761.0/metadata", "//v1.0/metadata",
			"/v1.0//metadata", "/v1.0/metadata/", "/v1.0/metadata;jsessionid=1", "/v1.0/./metadata",
			"/v1.0/healthz/../metadata", "/v1.0/x/../metadata", "/V1.0/metadata" })
	void noSpellingOfAPathGetsPastTheToken(String path) throws Exception {
		HttpResponse<String> response = get(this.daprPort, path, null);
		assertThat(response.statusCode()).as(path).isIn(400, 401);
		assertThat(response.body()).doesNotContain("components");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1.0;x/bindings/counted", "/v1%2E0/bindings/counted", "/%761.0/bindings/counted",
			"//v1.0//bindings/counted/", "/v1.0/healthz/../bindings/counted", "/v1.0/bindings/%63ounted" })
	void noSpellingOfABindingsPathGetsPastTheToken(String path) throws Exception {
		assertThat(post(this.daprPort, path, null, null, null).statusCode()).as(path).isEqualTo(401);
		assertThat(this.binding.invocations()).isEqualTo(0);
	}

	@Test
	void healthChecksNeedNoToken() throws Exception {
		assertThat(get(this.daprPort, "/v1.0/healthz", null).statusCode()).isEqualTo(204);
		assertThat(get(this.daprPort, "/v1.0/healthz/outbound/", null).statusCode()).isEqualTo(204);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://evil.example", "null", "http://localhost:3000", "https://admin.example.evil" })
	void aRequestWithAnOriginThatIsNotAllowedIsRefused(String origin) throws Exception {
		HttpResponse<String> response = post(this.daprPort, "/v1.0/bindings/counted", TOKEN, "Origin", origin);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).startsWith("{\"errorCode\":\"ERR_PERMISSION_DENIED\",\"message\":");
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(this.binding.invocations()).isEqualTo(0);
	}

	@Test
	void aSimpleCrossSiteRequestWithoutTokenIsRefusedBeforeTheToken() throws Exception {
		// what a page can send without a preflight: text/plain, no custom header
		HttpRequest request = HttpRequest.newBuilder(uri(this.daprPort, "/v1.0/bindings/counted"))
			.header("Content-Type", "text/plain")
			.header("Origin", "http://evil.example")
			.header("Sec-Fetch-Site", "cross-site")
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"create\",\"data\":\"x\"}"))
			.build();
		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
		assertThat(this.binding.invocations()).isEqualTo(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cross-site", "same-site" })
	void aRequestFromAnotherSiteWithoutOriginIsRefused(String site) throws Exception {
		HttpResponse<String> response = post(this.daprPort, "/v1.0/bindings/counted", TOKEN, "Sec-Fetch-Site", site);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.binding.invocations()).isEqualTo(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "same-origin" })
	void aRequestTheUserMadeHimselfIsServed(String site) throws Exception {
		assertThat(post(this.daprPort, "/v1.0/bindings/counted", TOKEN, "Sec-Fetch-Site", site).statusCode())
			.isEqualTo(204);
	}

	@Test
	void anAllowedOriginIsServedWithCorsHeaders() throws Exception {
		HttpResponse<String> response = post(this.daprPort, "/v1.0/bindings/counted", TOKEN, "Origin",
				"https://admin.example");
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://admin.example");
		assertThat(this.binding.invocations()).isEqualTo(1);
	}

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredWithoutTheToken() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(this.daprPort, "/v1.0/bindings/counted"))
			.header("Origin", "https://admin.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type,dapr-api-token")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isBetween(200, 204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://admin.example");
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
			.hasValueSatisfying((methods) -> assertThat(methods).contains("POST"));
		assertThat(this.binding.invocations()).isEqualTo(0);
	}

	@Test
	void aPreflightFromAnotherOriginIsRefused() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(this.daprPort, "/v1.0/bindings/counted"))
			.header("Origin", "http://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "evil.example:3500", "127.0.0.1.evil.example", "localhost.evil.example",
			"[::2]:3500", "10.0.0.1" })
	void aHostThatIsNotLoopbackIsRefused(String host) throws Exception {
		String response = raw("POST /v1.0/bindings/counted HTTP/1.1\r\nHost: " + host + "\r\ndapr-api-token: " + TOKEN
				+ "\r\nContent-Type: application/json\r\nContent-Length: 24\r\nConnection: close\r\n\r\n"
				+ "{\"operation\":\"create\"}  ");
		assertThat(response).startsWith("HTTP/1.1 403");
		assertThat(response).contains("{\"errorCode\":\"ERR_PERMISSION_DENIED\"");
		assertThat(this.binding.invocations()).isEqualTo(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "LOCALHOST:3500", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:3500",
			"dapr.internal", "dapr.internal:3500" })
	void loopbackAndAllowedHostsAreServed(String host) throws Exception {
		String response = raw("POST /v1.0/bindings/counted HTTP/1.1\r\nHost: " + host + "\r\ndapr-api-token: " + TOKEN
				+ "\r\nContent-Type: application/json\r\nContent-Length: 22\r\nConnection: close\r\n\r\n"
				+ "{\"operation\":\"create\"}");
		assertThat(response).startsWith("HTTP/1.1 204");
		assertThat(this.binding.invocations()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1.0/bindings/a%2Fb", "/v1.0/bindings/a%5Cb", "/v1.0/bindings/a%00b", "/v1.0/bindings/%",
			"/v1.0/bindings/a b", "/v1.0/../../etc/passwd" })
	void requestsTheContainerRejectsAreAnsweredInDaprShape(String target) throws Exception {
		String response = raw("POST " + target + " HTTP/1.1\r\nHost: localhost\r\ndapr-api-token: " + TOKEN
				+ "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		assertDaprShapedRejection(response);
	}

	@Test
	void anOverlongRequestLineIsAnsweredInDaprShape() throws Exception {
		String response = raw("GET /v1.0/bindings/" + "x".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n");
		assertDaprShapedRejection(response);
	}

	@Test
	void anOverlongHeaderIsAnsweredInDaprShape() throws Exception {
		String response = raw("GET /v1.0/healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(70_000)
				+ "\r\nConnection: close\r\n\r\n");
		assertDaprShapedRejection(response);
	}

	@Test
	void aBadRequestLineIsAnsweredInDaprShape() throws Exception {
		String response = raw("GARBAGE\r\n\r\n");
		assertDaprShapedRejection(response);
	}

	private void assertDaprShapedRejection(String response) {
		assertThat(response).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
		assertThat(response).containsIgnoringCase("Content-Type: application/json");
		assertThat(response).contains("{\"errorCode\":\"ERR_MALFORMED_REQUEST\"").doesNotContainIgnoringCase("<html");
		assertThat(this.binding.invocations()).isEqualTo(0);
	}

	private HttpResponse<String> get(int port, String path, @Nullable String token) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(port, path)).GET();
		if (token != null) {
			builder.header("dapr-api-token", token);
		}
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String path, @Nullable String token, @Nullable String header,
			@Nullable String value) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(port, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"create\",\"data\":{\"a\":1}}"));
		if (token != null) {
			builder.header("dapr-api-token", token);
		}
		if (header != null && value != null) {
			builder.header(header, value);
		}
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	/** A request written byte for byte, the whole answer read until the server closes. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.daprPort)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer and close before it read everything
			}
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		TestBindingFactory countingBindingFactory() {
			return TestBindingFactory.counting();
		}

	}

}
