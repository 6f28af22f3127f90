package dev.bindings.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed and hostile requests through a real HTTP port: each gets a 4xx
 * or a Dapr 500 in Dapr's JSON shape, none a stack trace, and the app keeps serving valid
 * requests.
 */
@SpringBootTest(classes = HostileRequestsTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "bindings.components.echo.type=bindings.test.echo" })
class HostileRequestsTests {

	private static final int REQUESTS = 2000;

	private static final Set<String> ERROR_CODES = Set.of("ERR_MALFORMED_REQUEST", "ERR_INVOKE_OUTPUT_BINDING",
			"ERR_DIRECT_INVOKE");

	@LocalDaprHttpPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Random random = new Random(20261128);

	@Test
	void everyHostileRequestGetsADaprErrorAndTheAppKeepsServing() throws Exception {
		for (int i = 0; i < REQUESTS; i++) {
			HostileRequest request = hostile(i);
			HttpResponse<byte[]> response = send(request.contentType(), request.body(), request.headers());
			String body = new String(response.body(), StandardCharsets.UTF_8);
			assertThat(body).as("request %d (%s)", i, request.kind())
				.doesNotContain("Exception")
				.doesNotContain("\tat ");
			int status = response.statusCode();
			if (status == 200 || status == 204) {
				continue;
			}
			assertThat(status).as("request %d (%s)", i, request.kind()).isIn(400, 404, 500);
			JsonNode error = this.json.readTree(body);
			assertThat(error.propertyNames()).as("request %d (%s)", i, request.kind())
				.containsExactly("errorCode", "message");
			assertThat(error.get("errorCode").asString()).isIn(ERROR_CODES);
		}
		HttpResponse<byte[]> valid = send("application/json",
				"{\"operation\":\"get\",\"data\":{\"still\":\"serving\"}}".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(valid.statusCode()).isEqualTo(200);
		assertThat(new String(valid.body(), StandardCharsets.UTF_8)).isEqualTo("{\"still\":\"serving\"}");
	}

	private HostileRequest hostile(int i) {
		Supplier<byte[]> randomBytes = () -> {
			byte[] bytes = new byte[this.random.nextInt(2048)];
			this.random.nextBytes(bytes);
			return bytes;
		};
		// the heavy kinds (deep nesting, huge strings, oversized bodies) one request in a
		// hundred
		int kind = switch (i % 100) {
			case 25 -> 2;
			case 50 -> 3;
			case 75 -> 6;
			default -> new int[] { 0, 1, 4, 5, 7, 8, 9, 10, 11 }[i % 9];
		};
		return switch (kind) {
			case 0 -> new HostileRequest("random bytes as JSON", "application/json", randomBytes.get(), Map.of());
			case 1 ->
				new HostileRequest("random bytes as binary", "application/octet-stream", randomBytes.get(), Map.of());
			case 2 -> {
				int depth = 5000 + this.random.nextInt(20000);
				yield new HostileRequest("deep nesting", "application/json",
						("{\"operation\":\"get\",\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
							.getBytes(StandardCharsets.UTF_8),
						Map.of());
			}
			case 3 -> new HostileRequest("huge string", "application/json",
					("{\"operation\":\"get\",\"data\":\"" + "x".repeat(1 << 20) + "\"}")
						.getBytes(StandardCharsets.UTF_8),
					Map.of());
			case 4 -> {
				byte[] body = "{\"operation\":\"get\",\"data\":\"..\"}".getBytes(StandardCharsets.UTF_8);
				body[26] = (byte) 0xc3;
				body[27] = (byte) (0x20 + this.random.nextInt(0x20));
				yield new HostileRequest("invalid UTF-8", "application/json", body, Map.of());
			}
			case 5 -> new HostileRequest("wrong types", "application/json",
					pick("{\"operation\":[1]}", "{\"operation\":\"get\",\"metadata\":[]}",
							"{\"operation\":\"get\",\"metadata\":{\"a\":{}}}", "[{}]", "\"envelope\"", "1e999",
							"{\"operation\":true}")
						.getBytes(StandardCharsets.UTF_8),
					Map.of());
			case 6 -> new HostileRequest("oversized body", "application/json", new byte[4 * 1024 * 1024 + 1], Map.of());
			case 7 -> new HostileRequest("truncated", "application/json",
					"{\"operation\":\"get\",\"data\":{\"a\":[1,2,{\"b\":\"".substring(0, this.random.nextInt(40))
						.getBytes(StandardCharsets.UTF_8),
					Map.of());
			case 8 -> new HostileRequest("odd baggage", "application/json",
					"{\"operation\":\"get\"}".getBytes(StandardCharsets.UTF_8),
					Map.of("baggage", pick("=", ";;;", "a=b,,c", "k=v v", "a b=1", "a=b;c=%zz")));
			case 9 -> new HostileRequest("odd content type", pick("*/*", "application/json; charset=ebcdic",
					"text/html", "multipart/form-data; boundary=x", "x"), randomBytes.get(), Map.of());
			case 10 -> new HostileRequest("unsupported operation", "application/json",
					("{\"operation\":\"" + "op".repeat(this.random.nextInt(500)) + "\"}")
						.getBytes(StandardCharsets.UTF_8),
					Map.of());
			default -> new HostileRequest("escapes", "application/json",
					pick("{\"operation\":\"get\",\"data\":\"\\ud800\\udc00\\ud800\"}", "{\"operation\":\"\\u0000\"}",
							"{\"operation\":\"get\",\"data\":\"\\uZZZZ\"}", "{\"operation\":\"get\",\"data\":-}")
						.getBytes(StandardCharsets.UTF_8),
					Map.of());
		};
	}

	private String pick(String... choices) {
		return choices[this.random.nextInt(choices.length)];
	}

	private HttpResponse<byte[]> send(String contentType, byte[] body, Map<String, String> headers) throws Exception {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/v1.0/bindings/echo"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(builder::header);
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	record HostileRequest(String kind, String contentType, byte[] body, Map<String, String> headers) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		OutputBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

	}

}
