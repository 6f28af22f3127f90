package dev.bindings.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dapr's metadata and health endpoints and the API token check, through a real HTTP port.
 */
@SpringBootTest(classes = DaprRuntimeApiTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "spring.application.name=orders",
				"bindings.api-token=s3cret", "bindings.components.echo.type=bindings.test.echo" })
class DaprRuntimeApiTests {

	@LocalDaprHttpPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void components(DynamicPropertyRegistry registry) throws IOException {
		Path folder = Files.createTempDirectory("runtime-api");
		Files.writeString(folder.resolve("store.yaml"), """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: envstore
				spec:
				  type: secretstores.local.env
				  version: v1
				""");
		registry.add("bindings.components-path", folder::toString);
	}

	@Test
	void metadataListsComponentsInDaprShapeWithoutMetadataValues() throws Exception {
		HttpResponse<String> response = send("GET", "/v1.0/metadata", "s3cret");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).startsWith("{\"id\":\"orders\",\"runtimeVersion\":")
			.contains("{\"name\":\"envstore\",\"type\":\"secretstores.local.env\",\"version\":\"v1\"}")
			.contains(
					"{\"name\":\"echo\",\"type\":\"bindings.test.echo\",\"version\":\"v1\",\"capabilities\":[\"OUTPUT_BINDING\"]}")
			.contains("\"extended\":{\"daprRuntimeVersion\":");
	}

	@Test
	void healthzAnswers204WithoutToken() throws Exception {
		HttpResponse<String> response = send("GET", "/v1.0/healthz", null);
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertThat(send("GET", "/v1.0/healthz/outbound", null).statusCode()).isEqualTo(204);
	}

	@Test
	void healthzWithOtherAppIdIsAnError() throws Exception {
		HttpResponse<String> response = send("GET", "/v1.0/healthz?appid=other", null);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body())
			.isEqualTo("{\"errorCode\":\"ERR_HEALTH_APPID_NOT_MATCH\",\"message\":\"dapr app-id does not match\"}");
	}

	@Test
	void requestWithoutTokenGets401PlainText() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type").map((type) -> type.replace(" ", "")))
			.hasValue("text/plain;charset=utf-8");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.body()).isEqualTo("invalid api token\n");
	}

	@Test
	void requestWithWrongTokenGets401() throws Exception {
		assertThat(send("GET", "/v1.0/metadata", "wrong").statusCode()).isEqualTo(401);
	}

	@Test
	void requestWithTokenIsServed() throws Exception {
		assertThat(send("POST", "/v1.0/bindings/echo", "s3cret").statusCode()).isEqualTo(204);
	}

	@Test
	void postToHealthzStillNeedsTheToken() throws Exception {
		assertThat(send("POST", "/v1.0/healthz", null).statusCode()).isEqualTo(401);
	}

	@Test
	void everyOtherPathOfTheDaprListenerNeedsTheTokenAndIsNotFound() throws Exception {
		assertThat(send("GET", "/not-dapr", null).statusCode()).isEqualTo(401);
		HttpResponse<String> response = send("GET", "/not-dapr", "s3cret");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo(
				"{\"errorCode\":\"ERR_DIRECT_INVOKE\",\"message\":\"failed getting app id either from the URL path or the header dapr-app-id\"}");
	}

	private HttpResponse<String> send(String method, String path, String token) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{\"operation\":\"create\"}")
					: HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			builder.header("dapr-api-token", token);
		}
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
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
