package dev.bindings.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bindings.BindingListener;
import dev.bindings.DeliveryFailedException;
import dev.bindings.web.LocalDaprHttpPort;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Events delivered to the application's routes the way daprd delivers them, through the
 * application's real port and filters (a Spring MVC controller and a servlet filter that
 * records every request, as the application's own security or tracing filters see it).
 */
@SpringBootTest(classes = RouteDeliveryTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "spring.application.name=routes", "APP_API_TOKEN=app-token",
				"bindings.components.orders.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.custom.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.custom.metadata.route=custom-path",
				"bindings.components.capitalised.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.capitalised.metadata.[Route]=/ignored",
				"bindings.components.unsubscribed.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.explicit.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.explicit.metadata.direction=Output, Input ",
				"bindings.components.probe405.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.failing.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.nocontent.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.redirected.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.handled.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.outonly.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.outonly.metadata.direction=output" })
class RouteDeliveryTests {

	@Autowired
	ManualInputBindingFactory bindings;

	@Autowired
	RecordingFilter requests;

	@Autowired
	InputBindingRegistry registry;

	@Autowired
	Handled handler;

	@LocalDaprHttpPort
	int daprPort;

	@Test
	void eachSubscribedRouteWasProbedOnceWithOptionsBeforeAnyEvent() {
		List<String> probes = this.requests.probes();
		assertThat(probes).containsOnlyOnce("OPTIONS /orders", "OPTIONS /custom-path", "OPTIONS /capitalised",
				"OPTIONS /unsubscribed", "OPTIONS /probe405", "OPTIONS /failing");
		assertThat(probes).doesNotContain("OPTIONS /explicit", "OPTIONS /outonly", "OPTIONS /ignored",
				"OPTIONS /handled");
		RecordedRequest probe = this.requests.last("OPTIONS", "/orders");
		assertThat(probe.headers()).containsEntry("content-type", "application/json")
			.containsEntry("dapr-api-token", "app-token");
	}

	@Test
	void anEventIsPostedToTheRouteWithItsBytesAsBody() throws Exception {
		byte[] data = { '{', 0, (byte) 0xff, 'x', '}' };
		this.bindings.deliver("orders", data, Map.of());
		RecordedRequest post = this.requests.last("POST", "/orders");
		assertThat(post.body()).isEqualTo(data);
		assertThat(post.headers()).containsEntry("content-type", "application/json")
			.containsEntry("dapr-api-token", "app-token");
	}

	@Test
	void metadataArrivesAsHeadersAsDaprdSendsThem() throws Exception {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("__key", "k1");
		metadata.put("timeZone", "Local");
		metadata.put("X-My", "v");
		metadata.put("grpc-foo", "bar");
		metadata.put("foo-bin", "dropped");
		metadata.put("content-type", "text/plain");
		metadata.put("destination-app-id", "other");
		metadata.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		metadata.put("dapr-api-token", "not-this-one");
		this.bindings.deliver("orders", "{}".getBytes(StandardCharsets.UTF_8), metadata);
		RecordedRequest post = this.requests.last("POST", "/orders");
		assertThat(post.headers()).containsEntry("__key", "k1")
			.containsEntry("timezone", "Local")
			.containsEntry("x-my", "v")
			.containsEntry("dapr-grpc-foo", "bar")
			.containsEntry("content-type", "application/json")
			.containsEntry("dapr-api-token", "app-token")
			.doesNotContainKeys("foo-bin", "destination-app-id", "grpc-foo");
		assertThat(post.names()).contains("Timezone", "X-My", "Dapr-Grpc-Foo");
		// tracing is on (Micrometer Tracing is on the class path), as in daprd with
		// tracing:
		// the request carries a span of the event's trace, not the event's own span
		assertThat(post.headers().get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-")
			.isNotEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
	}

	@Test
	void headerValuesHttpCannotCarryAreEscapedNotDropped() throws Exception {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("control", "a\u0002b");
		metadata.put("newline", "a\r\nInjected: yes");
		metadata.put("unicode", "caf\u00e9");
		metadata.put("host", "elsewhere");
		metadata.put("content-length", "999");
		metadata.put("two words", "v");
		this.bindings.deliver("orders", "{}".getBytes(StandardCharsets.UTF_8), metadata);
		RecordedRequest post = this.requests.last("POST", "/orders");
		assertThat(post.headers()).containsEntry("control", "a%02b")
			.containsEntry("newline", "a%0D%0AInjected%3A+yes")
			.containsEntry("unicode", "caf%C3%A9")
			.containsEntry("dapr-host", "elsewhere")
			.containsEntry("dapr-content-length", "999")
			.containsEntry("two%20words", "v")
			.doesNotContainKey("injected");
		assertThat(post.body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theRouteMetadataNamesTheRouteWithOrWithoutSlash() throws Exception {
		this.bindings.deliver("custom", "1".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(this.requests.last("POST", "/custom-path").body()).isEqualTo("1".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aCapitalisedRouteKeyIsIgnoredAsDaprdIgnoresIt() throws Exception {
		this.bindings.deliver("capitalised", "2".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(this.requests.last("POST", "/capitalised").body()).isEqualTo("2".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aRouteTheApplicationDoesNotServeIsNotSubscribedAndReadsNothing() {
		assertThat(this.bindings.reading("unsubscribed")).isFalse();
		InputBindingStatus status = this.registry.find("unsubscribed");
		assertThat(status).isNotNull();
		assertThat(status.state()).isEqualTo(InputBindingState.NOT_SUBSCRIBED);
	}

	@Test
	void aProbeAnsweredWith405CountsAsSubscribed() throws Exception {
		assertThat(this.bindings.reading("probe405")).isTrue();
		this.bindings.deliver("probe405", "3".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(this.requests.last("POST", "/probe405").body()).isEqualTo("3".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void anExplicitInputDirectionIsDeliveredWithoutProbe() throws Exception {
		assertThat(this.bindings.reading("explicit")).isTrue();
		this.bindings.deliver("explicit", "4".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(this.requests.last("POST", "/explicit").body()).isEqualTo("4".getBytes(StandardCharsets.UTF_8));
		assertThat(this.registry.find("explicit")).extracting(InputBindingStatus::delivery)
			.isEqualTo("route /explicit (direction names input: no probe)");
	}

	@Test
	void aBindingWithAHandlerMethodIsDeliveredToItNotToARoute() throws Exception {
		this.bindings.deliver("handled", "8".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(this.handler.received).contains("8");
		assertThat(this.requests.probes()).doesNotContain("POST /handled");
	}

	@Test
	void anOutputDirectionHasNoInputBinding() {
		assertThat(this.registry.find("outonly")).isNull();
		assertThat(this.bindings.reading("outonly")).isFalse();
	}

	@Test
	void aNon2xxAnswerIsAFailureWithDaprdsMessage() {
		assertThatExceptionOfType(DeliveryFailedException.class)
			.isThrownBy(() -> this.bindings.deliver("failing", "5".getBytes(StandardCharsets.UTF_8), Map.of()))
			.withMessage("fails to send binding event to http app channel, status code: 500 body: boom");
		InputBindingStatus status = this.registry.find("failing");
		assertThat(status).isNotNull();
		assertThat(status.failing()).isTrue();
	}

	@Test
	void a204IsSuccess() throws Exception {
		this.bindings.deliver("nocontent", "6".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(this.requests.last("POST", "/nocontent").body()).isEqualTo("6".getBytes(StandardCharsets.UTF_8));
		InputBindingStatus status = this.registry.find("nocontent");
		assertThat(status).isNotNull();
		assertThat(status.failing()).isFalse();
	}

	@Test
	void aRedirectIsNotFollowedAndIsAFailure() {
		assertThatExceptionOfType(DeliveryFailedException.class)
			.isThrownBy(() -> this.bindings.deliver("redirected", "7".getBytes(StandardCharsets.UTF_8), Map.of()))
			.withMessageStartingWith("fails to send binding event to http app channel, status code: 301");
		assertThat(this.requests.probes()).doesNotContain("POST /elsewhere");
	}

	@Test
	void daprMetadataListsInputBindingsWithTheirCapability() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.daprPort + "/v1.0/metadata")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.body())
			.contains("{\"name\":\"orders\",\"type\":\"" + ManualInputBindingFactory.TYPE
					+ "\",\"version\":\"v1\",\"capabilities\":[\"INPUT_BINDING\"]}")
			.doesNotContain("\"outonly\"");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		ManualInputBindingFactory manualInputBindingFactory() {
			return new ManualInputBindingFactory();
		}

		@Bean
		RecordingFilter recordingFilter() {
			return new RecordingFilter();
		}

		@Bean
		Routes routes(RecordingFilter filter) {
			return new Routes(filter);
		}

		@Bean
		Handled handledListener() {
			return new Handled();
		}

	}

	static class Handled {

		final List<String> received = new CopyOnWriteArrayList<>();

		@BindingListener("handled")
		void on(String text) {
			this.received.add(text);
		}

	}

	/**
	 * One request as the application's filters saw it.
	 *
	 * @param method the method
	 * @param path the path
	 * @param headers the headers, names lower-cased
	 * @param names the header names as they arrived
	 * @param body the body
	 */
	record RecordedRequest(String method, String path, Map<String, String> headers, List<String> names, byte[] body) {

	}

	static class RecordingFilter extends OncePerRequestFilter {

		final List<RecordedRequest> bodies = Collections.synchronizedList(new ArrayList<>());

		private final List<String> probes = Collections.synchronizedList(new ArrayList<>());

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Map<String, String> headers = new LinkedHashMap<>();
			List<String> names = new ArrayList<>();
			for (String name : Collections.list(request.getHeaderNames())) {
				headers.put(name.toLowerCase(), request.getHeader(name));
				names.add(name);
			}
			byte[] body = request.getInputStream().readAllBytes();
			this.probes.add(request.getMethod() + " " + request.getRequestURI());
			this.bodies.add(new RecordedRequest(request.getMethod(), request.getRequestURI(), headers, names, body));
			if (request.getMethod().equals("OPTIONS") && request.getRequestURI().equals("/probe405")) {
				response.setStatus(405);
				return;
			}
			if (request.getMethod().equals("POST") && request.getRequestURI().equals("/probe405")) {
				response.setStatus(200);
				return;
			}
			chain.doFilter(new BodyRequest(request, body), response);
		}

		List<String> probes() {
			synchronized (this.probes) {
				return new ArrayList<>(this.probes);
			}
		}

		RecordedRequest last(String method, String path) {
			synchronized (this.bodies) {
				for (int i = this.bodies.size() - 1; i >= 0; i--) {
					RecordedRequest request = this.bodies.get(i);
					if (request.method().equals(method) && request.path().equals(path)) {
						return request;
					}
				}
			}
			throw new AssertionError("no " + method + " " + path + " among " + probes());
		}

	}

	/**
	 * The request with its body read again from the bytes the filter kept.
	 */
	static class BodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
				}

				@Override
				public int read() {
					return in.read();
				}

			};
		}

	}

	@RestController
	static class Routes {

		private final RecordingFilter filter;

		Routes(RecordingFilter filter) {
			this.filter = filter;
		}

		@PostMapping({ "/orders", "/custom-path", "/capitalised", "/explicit" })
		ResponseEntity<String> ok(@RequestBody(required = false) byte[] body) {
			return ResponseEntity.ok("fine");
		}

		@PostMapping("/failing")
		ResponseEntity<String> failing() {
			return ResponseEntity.status(500).body("boom");
		}

		@PostMapping("/nocontent")
		ResponseEntity<Void> noContent() {
			return ResponseEntity.noContent().build();
		}

		@PostMapping("/redirected")
		ResponseEntity<Void> redirected() {
			return ResponseEntity.status(301).header("Location", "/elsewhere").build();
		}

		@GetMapping("/elsewhere")
		String elsewhere() {
			return "not followed";
		}

	}

}
