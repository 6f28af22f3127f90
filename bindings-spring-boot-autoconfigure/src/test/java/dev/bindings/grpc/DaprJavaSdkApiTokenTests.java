package dev.bindings.grpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.bindings.grpc.proto.health.HealthCheckRequest;
import dev.bindings.grpc.proto.health.HealthCheckResponse.ServingStatus;
import dev.bindings.grpc.proto.health.HealthGrpc;
import dev.bindings.registry.EchoBindingFactory;
import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.client.domain.ComponentMetadata;
import io.dapr.config.Properties;
import io.dapr.exceptions.DaprException;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
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
 * Dapr's API token over gRPC, with the Dapr Java SDK: {@code bindings.api-token} set, a
 * call without the token or with another one fails {@code UNAUTHENTICATED} with daprd's
 * messages, {@code GetMetadata} as much as {@code InvokeBinding}; gRPC's health service
 * needs no token.
 */
@SpringBootTest(classes = DaprJavaSdkApiTokenTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { "bindings.components-path=",
				"bindings.components.echo.type=bindings.test.echo", "bindings.api-token=s3cret" })
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

	@Test
	void getMetadataWithoutTokenIsUnauthenticated() throws Exception {
		try (DaprClient client = client(null)) {
			assertThatExceptionOfType(DaprException.class)
				.isThrownBy(() -> client.getMetadata().block(Duration.ofSeconds(30)))
				.satisfies((ex) -> assertThat(ex.getMessage())
					.isEqualTo("UNAUTHENTICATED: missing api token in request metadata"));
		}
	}

	@Test
	void getMetadataWithTheTokenWorks() throws Exception {
		try (DaprClient client = client("s3cret")) {
			assertThat(client.getMetadata().block(Duration.ofSeconds(30)).getComponents())
				.extracting(ComponentMetadata::getName)
				.containsExactly("echo");
		}
	}

	@Test
	void healthCheckNeedsNoToken() throws InterruptedException {
		ManagedChannel channel = Grpc
			.newChannelBuilderForAddress("127.0.0.1", this.server.getPort(), InsecureChannelCredentials.create())
			.build();
		try {
			assertThat(HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance())
				.getStatus()).isEqualTo(ServingStatus.SERVING);
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
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
