package dev.bindings.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.bindings.test.TestBindingFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dapr's API in an application secured by Spring Security (the real starter): Dapr
 * clients keep working on the API's own listener, with no login and no CSRF token, and
 * the application's rules still hold on its own port.
 */
class DaprHttpApiSpringSecurityTests {

	private static final String APP_CREDENTIALS = "Basic "
			+ Base64.getEncoder().encodeToString("user:pw".getBytes(StandardCharsets.UTF_8));

	private static final HttpClient http = HttpClient.newHttpClient();

	/**
	 * Spring Boot's default security: every request of the application authenticated,
	 * CSRF on.
	 */
	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.autoconfigure.exclude=", "spring.security.user.name=user",
					"spring.security.user.password=pw", "bindings.components-path=",
					"bindings.components.counted.type=bindings.test.counting" })
	class DefaultSecurity {

		@LocalDaprHttpPort
		int daprPort;

		@LocalServerPort
		int appPort;

		@Autowired
		TestBindingFactory binding;

		@BeforeEach
		void reset() {
			this.binding.reset();
		}

		@Test
		void daprClientsNeedNoLoginAndNoCsrfToken() throws Exception {
			assertThat(send(this.daprPort, "POST", "/v1.0/bindings/counted", null).statusCode()).isEqualTo(204);
			assertThat(this.binding.invocations()).isEqualTo(1);
			assertThat(send(this.daprPort, "GET", "/v1.0/metadata", null).statusCode()).isEqualTo(200);
		}

		@Test
		void theApplicationsRulesStillHoldOnItsPort() throws Exception {
			assertThat(send(this.appPort, "GET", "/hello", null).statusCode()).isEqualTo(401);
			assertThat(send(this.appPort, "GET", "/hello", APP_CREDENTIALS).statusCode()).isEqualTo(200);
			// CSRF still protects the application's own POSTs (refused before the login
			// is read)
			assertThat(send(this.appPort, "POST", "/hello", APP_CREDENTIALS).statusCode()).isIn(401, 403);
		}

		@Test
		void theApplicationsPortDoesNotServeTheApiEvenToALoggedInUser() throws Exception {
			assertThat(send(this.appPort, "GET", "/v1.0/metadata", APP_CREDENTIALS).statusCode()).isEqualTo(404);
			assertThat(send(this.appPort, "POST", "/v1.0/bindings/counted", APP_CREDENTIALS).statusCode()).isIn(401,
					403, 404);
			assertThat(this.binding.invocations()).isEqualTo(0);
		}

	}

	/**
	 * The application's own security configuration.
	 */
	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.autoconfigure.exclude=", "spring.security.user.name=user",
					"spring.security.user.password=pw", "bindings.components-path=",
					"bindings.components.counted.type=bindings.test.counting" })
	@Import(OwnSecurityConfiguration.class)
	class OwnSecurity {

		@LocalDaprHttpPort
		int daprPort;

		@LocalServerPort
		int appPort;

		@Autowired
		TestBindingFactory binding;

		@Test
		void daprClientsNeedNoLoginAndNoCsrfToken() throws Exception {
			this.binding.reset();
			assertThat(send(this.daprPort, "POST", "/v1.0/bindings/counted", null).statusCode()).isEqualTo(204);
			assertThat(this.binding.invocations()).isEqualTo(1);
		}

		@Test
		void theApplicationsRulesStillHoldOnItsPort() throws Exception {
			assertThat(send(this.appPort, "GET", "/public", null).statusCode()).isEqualTo(200);
			assertThat(send(this.appPort, "GET", "/hello", null).statusCode()).isEqualTo(401);
		}

	}

	static HttpResponse<String> send(int port, String method, String path, @Nullable String authorization)
			throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{\"operation\":\"create\"}")
					: HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(HelloController.class)
	static class TestApplication {

		@Bean
		TestBindingFactory countingBindingFactory() {
			return TestBindingFactory.counting();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping({ "/hello", "/public" })
		String hello() {
			return "hello";
		}

		@PostMapping("/hello")
		String post() {
			return "posted";
		}

	}

	static class OwnSecurityConfiguration {

		@Bean
		SecurityFilterChain appSecurity(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/public").permitAll().anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults());
			return http.build();
		}

	}

}
