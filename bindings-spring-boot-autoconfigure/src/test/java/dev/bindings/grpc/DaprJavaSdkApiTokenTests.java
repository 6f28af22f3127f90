package dev.bindings.grpc;

import java.time.Duration;

import dev.bindings.registry.EchoBindingFactory;
import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.config.Properties;
import io.dapr.exceptions.DaprException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Dapr's API token over gRPC, with the Dapr Java SDK: {@code bindings.api-token} set, a call
 * without the token or with another one fails {@code UNAUTHENTICATED} with daprd's messages.
 */
@SpringBootTest(classes = DaprJavaSdkApiTokenTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "bindings.components-path=", "bindings.components.echo.type=bindings.test.echo",
				"bindings.api-token=s3cret" })
class DaprJavaSdkApiTokenTests {

	@Autowired
	DaprGrpcServer server;

	@Test
	void callWithoutTokenIsUnauthenticated() throws Exception {
		assertUnauthenticated(null, "missing api token in request metadata");
	}

	@Test
	void callWithAnotherTokenIsUnauthenticated() throws Exception {
		assertUnauthenticated("s3cre7", "authentication error: api token mismatch");
	}

	@Test
	void callWithTheTokenWorks() throws Exception {
		try (DaprClient client = client("s3cret")) {
			assertThat(client.invokeBinding("echo", "get", "hi", String.class).block(Duration.ofSeconds(30)))
				.isEqualTo("hi");
		}
	}

	private void assertUnauthenticated(@Nullable String token, String message) throws Exception {
		try (DaprClient client = client(token)) {
			assertThatExceptionOfType(DaprException.class)
				.isThrownBy(() -> client.invokeBinding("echo", "get", "hi", String.class).block(Duration.ofSeconds(30)))
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("UNAUTHENTICATED");
					assertThat(ex.getMessage()).isEqualTo("UNAUTHENTICATED: " + message);
				});
		}
	}

	private DaprClient client(@Nullable String token) {
		DaprClientBuilder builder = new DaprClientBuilder().withPropertyOverride(Properties.GRPC_PORT,
				String.valueOf(this.server.getPort()));
		if (token != null) {
			builder.withPropertyOverride(Properties.API_TOKEN, token);
		}
		return builder.build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		EchoBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

	}

}
