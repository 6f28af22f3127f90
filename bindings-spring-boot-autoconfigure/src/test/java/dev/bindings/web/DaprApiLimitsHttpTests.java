package dev.bindings.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.bindings.BindingClient;
import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.test.Bindings;
import dev.bindings.test.TestBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Dapr's HTTP API lets callers do beyond daprd's checks, through a real port: the
 * operation allow-list ({@code bindings.api.allowed-operations}), the metadata limit
 * ({@code bindings.limits.max-metadata-entries}), the headers that reach a binding, the
 * request timeout cancelling the binding's call, and a saturated binding answered in
 * Dapr's shape while the API keeps serving.
 */
@SpringBootTest(classes = DaprApiLimitsHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "bindings.components.orders-db.type=bindings.test.counting",
				"bindings.components.files.type=bindings.test.counting",
				"bindings.components.locked.type=bindings.test.counting",
				"bindings.components.open.type=bindings.test.counting",
				"bindings.components.held.type=bindings.test.counting", "bindings.components.held.metadata.hold=true",
				"bindings.components.blocking.type=bindings.test.counting",
				"bindings.components.orders-db.metadata.operations=create,get,delete",
				"bindings.components.files.metadata.operations=create,get,delete",
				"bindings.components.locked.metadata.operations=create,get,delete",
				"bindings.components.open.metadata.operations=create,get,delete",
				"bindings.components.blocking.metadata.threads=1",
				"bindings.components.blocking.metadata.queueCapacity=1",
				"bindings.components.echo.type=bindings.test.echo", "bindings.api.allowed-operations.orders-db=get",
				"bindings.api.allowed-operations.files=get, delete", "bindings.api.allowed-operations.locked=",
				"bindings.limits.max-metadata-entries=4", "bindings.http.request-timeout=1s" })
class DaprApiLimitsHttpTests {

	@LocalDaprHttpPort
	int port;

	@Autowired
	TestBindingFactory slow;

	@Autowired
	BindingClient client;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anAllowedOperationReachesTheBinding() throws Exception {
		int before = this.slow.invocations();
		assertThat(post("orders-db", "{\"operation\":\"get\"}").statusCode()).isEqualTo(204);
		assertThat(post("files", "{\"operation\":\"delete\"}").statusCode()).isEqualTo(204);
		assertThat(this.slow.invocations()).isEqualTo(before + 2);
	}

	@Test
	void anotherOperationIsRefused403InDaprsShapeWithoutReachingTheBinding() throws Exception {
		int before = this.slow.invocations();
		HttpResponse<String> response = post("orders-db", "{\"operation\":\"create\",\"data\":1}");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"errorCode\":\"ERR_PERMISSION_DENIED\",\"message\":"
				+ "\"access denied by policy to invoke operation \\\"create\\\" on binding \\\"orders-db\\\"\"}");
		assertThat(this.slow.invocations()).isEqualTo(before);
	}

	@Test
	void operationsAreComparedWithTheirCaseAsDaprComparesThem() throws Exception {
		HttpResponse<String> response = post("orders-db", "{\"operation\":\"GET\"}");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\\\"GET\\\"");
	}

	@Test
	void anEmptyListAllowsNoOperation() throws Exception {
		int before = this.slow.invocations();
		assertThat(post("locked", "{\"operation\":\"get\"}").statusCode()).isEqualTo(403);
		assertThat(post("locked", "{\"operation\":\"create\"}").statusCode()).isEqualTo(403);
		assertThat(this.slow.invocations()).isEqualTo(before);
	}

	@Test
	void aMissingOperationGetsDaprsOwnAnswer() throws Exception {
		HttpResponse<String> response = post("locked", "{}");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("operation field is missing from request");
	}

	@Test
	void aBinaryRequestIsCheckedToo() throws Exception {
		int before = this.slow.invocations();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(uri("/v1.0/bindings/orders-db?operation=create"))
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1, 2 }))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.slow.invocations()).isEqualTo(before);
	}

	@Test
	void componentsNotListedAreUnrestricted() throws Exception {
		assertThat(post("open", "{\"operation\":\"create\"}").statusCode()).isEqualTo(204);
		assertThat(post("open", "{\"operation\":\"delete\"}").statusCode()).isEqualTo(204);
	}

	@Test
	void theApplicationsOwnCallsAreNotLimited() {
		assertThat(this.client.invoke("orders-db", "create", null).data()).isNull();
		assertThat(this.client.invoke("locked", "delete", null).data()).isNull();
	}

	@Test
	void metadataUpToTheLimitIsAccepted() throws Exception {
		assertThat(post("open", envelope(4)).statusCode()).isEqualTo(204);
	}

	@Test
	void metadataOverTheLimitIsRefused400WithoutReachingTheBinding() throws Exception {
		int before = this.slow.invocations();
		HttpResponse<String> response = post("open", envelope(5));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"errorCode\":\"ERR_MALFORMED_REQUEST\",\"message\":"
				+ "\"request metadata has more than 4 entries (the limit is bindings.limits.max-metadata-entries)\"}");
		assertThat(this.slow.invocations()).isEqualTo(before);
	}

	@Test
	void theCopiedBaggageHeaderCounts() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/v1.0/bindings/open"))
			.header("baggage", "userId=alice")
			.POST(HttpRequest.BodyPublishers.ofString(envelope(4)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("ERR_MALFORMED_REQUEST", "more than 4 entries");
	}

	@Test
	void queryMetadataOfABinaryRequestCounts() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(uri("/v1.0/bindings/open?operation=create&metadata.a=1&metadata.b=2&metadata.c=3"
					+ "&metadata.d=4&metadata.e=5"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 }))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void requestHeadersWithCredentialsNeverReachTheBinding() throws Exception {
		// the echo binding answers get with the metadata it received, as metadata.*
		// headers
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/v1.0/bindings/echo"))
			.header("Authorization", "Bearer secret-token")
			.header("Proxy-Authorization", "Basic c2VjcmV0")
			.header("Cookie", "session=secret")
			.header("X-Forwarded-Client-Cert", "By=spiffe://x;Hash=abc")
			.header("X-Client-Cert", "MIIB")
			.header("X-Tenant", "t1")
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"get\",\"metadata\":{\"kept\":\"yes\"}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> metadata = new ArrayList<>();
		response.headers().map().keySet().forEach((name) -> {
			if (name.toLowerCase().startsWith("metadata.")) {
				metadata.add(name.toLowerCase());
			}
		});
		assertThat(metadata).contains("metadata.kept")
			.doesNotContain("metadata.authorization", "metadata.proxy-authorization", "metadata.cookie",
					"metadata.x-forwarded-client-cert", "metadata.x-client-cert", "metadata.x-tenant");
		assertThat(metadata).allMatch((name) -> name.equals("metadata.kept") || name.equals("metadata.traceparent")
				|| name.equals("metadata.tracestate"));
	}

	@Test
	void theRequestTimeoutCancelsTheBindingsCall() throws Exception {
		int cancelled = this.slow.cancelled();
		HttpResponse<String> response = post("held", "{\"operation\":\"create\"}");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isEqualTo("{\"errorCode\":\"ERR_INVOKE_OUTPUT_BINDING\",\"message\":"
				+ "\"error invoking output binding held: context deadline exceeded\"}");
		TestBindingFactory.await(this.slow::cancelled, cancelled + 1);
	}

	@Test
	void aSaturatedBindingAnswersInDaprsShapeWhileTheApiKeepsServing() throws Exception {
		// one thread, one queue place: the first call holds the thread, the second waits
		CompletableFuture<HttpResponse<String>> running = postAsync("blocking", "{\"operation\":\"create\"}");
		TestBindingFactory.await(this.slow::held, 1);
		int before = this.slow.invocations();
		CompletableFuture<HttpResponse<String>> queued = postAsync("blocking", "{\"operation\":\"create\"}");
		TestBindingFactory.await(this.slow::invocations, before + 1);
		HttpResponse<String> refused = post("blocking", "{\"operation\":\"create\"}");
		assertThat(refused.statusCode()).isEqualTo(500);
		assertThat(refused.body()).isEqualTo("{\"errorCode\":\"ERR_INVOKE_OUTPUT_BINDING\",\"message\":"
				+ "\"error invoking output binding blocking: too many calls waiting for a thread (at most 1)\"}");
		// the API keeps serving: health, metadata and other bindings
		assertThat(get("/v1.0/healthz").statusCode()).isEqualTo(204);
		assertThat(get("/v1.0/metadata").statusCode()).isEqualTo(200);
		assertThat(post("echo", "{\"operation\":\"get\",\"data\":\"still serving\"}").body())
			.isEqualTo("\"still serving\"");
		this.slow.release();
		assertThat(running).succeedsWithin(Bindings.TIMEOUT)
			.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(204));
		TestBindingFactory.await(this.slow::held, 1);
		this.slow.release();
		assertThat(queued).succeedsWithin(Bindings.TIMEOUT)
			.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(204));
	}

	private static String envelope(int metadataEntries) {
		StringBuilder metadata = new StringBuilder();
		for (int i = 0; i < metadataEntries; i++) {
			metadata.append((i > 0) ? "," : "").append("\"k").append(i).append("\":\"v\"");
		}
		return "{\"operation\":\"create\",\"metadata\":{" + metadata + "}}";
	}

	private HttpResponse<String> post(String binding, String body) throws Exception {
		return postAsync(binding, body).get(Bindings.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private CompletableFuture<HttpResponse<String>> postAsync(String binding, String body) {
		return this.http.sendAsync(HttpRequest.newBuilder(uri("/v1.0/bindings/" + binding))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		TestBindingFactory countingBindingFactory() {
			return TestBindingFactory.counting();
		}

		@Bean
		EchoBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

	}

}
