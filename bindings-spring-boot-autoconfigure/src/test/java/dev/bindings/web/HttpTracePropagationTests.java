package dev.bindings.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's tracing (Brave, W3C) on, a request over HTTP reaches the binding
 * with the trace context of the current span in its metadata, as daprd does: same trace
 * as the caller's {@code traceparent}, a new span.
 */
@SpringBootTest(classes = HttpTracePropagationTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "bindings.components-path=",
				"bindings.components.echo.type=bindings.test.echo", "management.tracing.sampling.probability=1.0" })
class HttpTracePropagationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLER = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

	@LocalDaprHttpPort
	int port;

	@Test
	void bindingMetadataCarriesTheCurrentTraceContext() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/v1.0/bindings/echo"))
			.header("traceparent", CALLER)
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"operation\":\"get\",\"metadata\":{\"traceparent\":\"00-11111111111111111111111111111111-2222222222222222-01\"}}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("metadata.traceparent")).singleElement()
			.satisfies(
					(traceparent) -> assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").isNotEqualTo(CALLER));
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
