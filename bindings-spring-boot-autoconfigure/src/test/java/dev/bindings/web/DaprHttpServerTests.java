package dev.bindings.web;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.bindings.test.TestBindingFactory;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The API's listener in an application started as a user starts it: where it listens, the
 * application's port set to the API's, a port already in use, and a graceful shutdown.
 */
class DaprHttpServerTests {

	private static final String BINDINGS_HTTP_PORT = "local.bindings.http.port";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aTakenPortStopsStartupNamingTheProperty() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> run("--bindings.http.port=" + taken.getLocalPort()).close())
				.satisfies((ex) -> {
					Throwable cause = ex;
					while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
						cause = cause.getCause();
					}
					assertThat(cause).isInstanceOf(InvalidConfigurationPropertyValueException.class)
						.hasMessageContaining("bindings.http.port");
					assertThat(((InvalidConfigurationPropertyValueException) cause).getReason())
						.contains("already in use", "DAPR_HTTP_PORT");
				});
		}
	}

	@Test
	void theListenersTomcatHasTheDocumentedLimits() {
		try (ConfigurableApplicationContext context = run("--bindings.http.port=0", "--bindings.http.max-threads=50",
				"--bindings.http.max-connections=1000")) {
			List<Connector> connectors = context.getBean(DaprHttpServer.class).connectors();
			assertThat(connectors).isNotEmpty().allSatisfy((connector) -> {
				AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
				assertThat(protocol.getMaxConnections()).isEqualTo(1000);
				assertThat(protocol.getAcceptCount()).isEqualTo(100);
				assertThat(protocol.getConnectionTimeout()).isEqualTo(20_000);
				assertThat(protocol.getKeepAliveTimeout()).isEqualTo(60_000);
				assertThat(protocol.getMaxKeepAliveRequests()).isEqualTo(100);
				assertThat(protocol.getExecutor()).isInstanceOfSatisfying(ThreadPoolExecutor.class,
						(executor) -> assertThat(executor.getMaximumPoolSize()).isEqualTo(50));
			});
		}
	}

	@Test
	void onTheApplicationsPortTheApiIsServedUnderV1WithTheSameChecks() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		try (ConfigurableApplicationContext context = run("--server.port=" + port, "--bindings.http.port=" + port,
				"--server.address=127.0.0.1", "--bindings.api-token=s3cret")) {
			assertThat(((WebServerApplicationContext) context).getWebServer().getPort()).isEqualTo(port);
			assertThat(context.getBeanNamesForType(DaprHttpServer.class)).isEmpty();
			context.getBean(TestBindingFactory.class).release();
			assertThat(send(port, "/v1.0/bindings/slow", "s3cret", null).statusCode()).isEqualTo(204);
			assertThat(send(port, "/v1.0/bindings/slow", null, null).statusCode()).isEqualTo(401);
			assertThat(send(port, "/v1.0;x/bindings/slow", null, null).statusCode()).isEqualTo(401);
			assertThat(send(port, "/v1.0/bindings/slow", "s3cret", "http://evil.example").statusCode()).isEqualTo(403);
		}
	}

	@Test
	void requestsInProgressFinishWhenTheApplicationStops() throws Exception {
		ConfigurableApplicationContext context = run("--bindings.http.port=0");
		int port = context.getEnvironment().getRequiredProperty(BINDINGS_HTTP_PORT, Integer.class);
		TestBindingFactory slow = context.getBean(TestBindingFactory.class);
		CompletableFuture<HttpResponse<String>> inFlight = this.http
			.sendAsync(request(port, "/v1.0/bindings/slow", null, null), HttpResponse.BodyHandlers.ofString());
		assertThat(slow.awaitHeldCall()).isTrue();
		CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
		Thread.sleep(200);
		slow.release();
		assertThat(inFlight).succeedsWithin(Duration.ofSeconds(30))
			.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(204));
		assertThat(closed).succeedsWithin(Duration.ofSeconds(30));
		try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
			assertThat(again.getLocalPort()).as("the port is free after the stop").isEqualTo(port);
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplicationBuilder(TestApplication.class).build();
		application.setDefaultProperties(
				Map.of("server.port", "0", "bindings.components-path", "", "bindings.components.slow.type",
						"bindings.test.slow", "bindings.grpc.port", "0", "spring.main.banner-mode", "off"));
		return application.run(args);
	}

	private HttpResponse<String> send(int port, String path, String token, String origin) throws Exception {
		return this.http.send(request(port, path, token, origin), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest request(int port, String path, String token, String origin) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"create\"}"));
		if (token != null) {
			builder.header("dapr-api-token", token);
		}
		if (origin != null) {
			builder.header("Origin", origin);
		}
		return builder.build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		TestBindingFactory slowBindingFactory() {
			return TestBindingFactory.slow();
		}

	}

}
