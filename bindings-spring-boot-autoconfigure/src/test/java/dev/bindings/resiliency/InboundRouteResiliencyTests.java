package dev.bindings.resiliency;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.DeliveryFailedException;
import dev.bindings.input.AppStatusException;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.input.InputBindingStatus;
import dev.bindings.input.ManualInputBindingFactory;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Inbound resiliency policies around events delivered to the application's routes, over
 * real HTTP on the application's port, with the policies declared in application
 * properties ({@code bindings.resiliency}).
 */
@SpringBootTest(classes = InboundRouteResiliencyTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "spring.application.name=inbound",
				"bindings.components.flaky.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.missing.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.nocontent.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.slow.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.broken.type=" + ManualInputBindingFactory.TYPE,
				"bindings.components.down.type=" + ManualInputBindingFactory.TYPE,
				"bindings.resiliency.policies.timeouts.second=1s",
				"bindings.resiliency.policies.retries.twice.policy=constant",
				"bindings.resiliency.policies.retries.twice.duration=10ms",
				"bindings.resiliency.policies.retries.twice.maxRetries=2",
				"bindings.resiliency.policies.retries.server.duration=10ms",
				"bindings.resiliency.policies.retries.server.maxRetries=3",
				"bindings.resiliency.policies.retries.server.matching.httpStatusCodes=500-599",
				"bindings.resiliency.policies.circuitBreakers.cb.maxRequests=1",
				"bindings.resiliency.policies.circuitBreakers.cb.timeout=60s",
				"bindings.resiliency.policies.circuitBreakers.cb.trip=consecutiveFailures >= 2",
				"bindings.resiliency.targets.components.flaky.inbound.retry=twice",
				"bindings.resiliency.targets.components.missing.inbound.retry=server",
				"bindings.resiliency.targets.components.nocontent.inbound.retry=twice",
				"bindings.resiliency.targets.components.slow.inbound.timeout=second",
				"bindings.resiliency.targets.components.broken.inbound.circuitBreaker=cb",
				"bindings.resiliency.targets.components.down.inbound.retry=server",
				"bindings.resiliency.targets.components.down.inbound.circuitBreaker=cb" })
class InboundRouteResiliencyTests {

	@Autowired
	ManualInputBindingFactory bindings;

	@Autowired
	Routes routes;

	@Autowired
	InputBindingRegistry registry;

	private static final byte[] DATA = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

	@Test
	void aRouteThatFailsTwiceIsDeliveredAtTheThirdAttempt() throws Exception {
		this.bindings.deliver("flaky", DATA, Map.of());
		assertThat(this.routes.posts("/flaky")).isEqualTo(3);
		InputBindingStatus status = this.registry.find("flaky");
		assertThat(status).isNotNull();
		assertThat(status.failing()).isFalse();
	}

	@Test
	void aStatusTheRetryPolicyDoesNotMatchIsNotRetried() {
		assertThatExceptionOfType(AppStatusException.class)
			.isThrownBy(() -> this.bindings.deliver("missing", DATA, Map.of()))
			.withMessage("fails to send binding event to http app channel, status code: 404 body: no such order")
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(404));
		assertThat(this.routes.posts("/missing")).isEqualTo(1);
	}

	@Test
	void a204IsSuccessUnderARetryPolicy() throws Exception {
		this.bindings.deliver("nocontent", DATA, Map.of());
		assertThat(this.routes.posts("/nocontent")).isEqualTo(1);
	}

	@Test
	void anAttemptPastTheTimeoutIsAbortedAndFails() throws Exception {
		assertThatExceptionOfType(DeliveryFailedException.class)
			.isThrownBy(() -> this.bindings.deliver("slow", DATA, Map.of()))
			.withMessage(
					"error invoking app: context deadline exceeded (the attempt took longer than 1s and was aborted)");
		// the request was cancelled: the application cannot answer it any more
		this.routes.slowRelease.countDown();
		assertThat(this.routes.slowAnswer.get(30, TimeUnit.SECONDS)).isEqualTo("connection closed by the client");
		assertThat(this.routes.posts("/slow")).isEqualTo(1);
	}

	@Test
	void theCircuitBreakerOpensAfterConsecutiveFailuresAndThenFailsWithoutCallingTheRoute() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(AppStatusException.class)
				.isThrownBy(() -> this.bindings.deliver("broken", DATA, Map.of()))
				.withMessage("fails to send binding event to http app channel, status code: 503 body: unavailable");
		}
		assertThatExceptionOfType(DeliveryFailedException.class)
			.isThrownBy(() -> this.bindings.deliver("broken", DATA, Map.of()))
			.withMessage("error invoking app: circuit breaker is open");
		assertThat(this.routes.posts("/broken")).isEqualTo(2);
	}

	@Test
	void anOpenCircuitBreakerEndsTheRetries() {
		assertThatExceptionOfType(DeliveryFailedException.class)
			.isThrownBy(() -> this.bindings.deliver("down", DATA, Map.of()))
			.withMessage("error invoking app: circuit breaker is open");
		assertThat(this.routes.posts("/down")).isEqualTo(2);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		ManualInputBindingFactory manualInputBindingFactory() {
			return new ManualInputBindingFactory();
		}

		@Bean
		Routes routes() {
			return new Routes();
		}

	}

	@RestController
	static class Routes {

		private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();

		final CountDownLatch slowRelease = new CountDownLatch(1);

		final CompletableFuture<String> slowAnswer = new CompletableFuture<>();

		int posts(String route) {
			return this.posts.computeIfAbsent(route, (key) -> new AtomicInteger()).get();
		}

		private int post(String route) {
			return this.posts.computeIfAbsent(route, (key) -> new AtomicInteger()).incrementAndGet();
		}

		@PostMapping("/flaky")
		ResponseEntity<String> flaky() {
			return (post("/flaky") <= 2) ? ResponseEntity.status(500).body("not yet") : ResponseEntity.ok("done");
		}

		@PostMapping("/missing")
		ResponseEntity<String> missing() {
			post("/missing");
			return ResponseEntity.status(404).body("no such order");
		}

		@PostMapping("/nocontent")
		ResponseEntity<Void> noContent() {
			post("/nocontent");
			return ResponseEntity.noContent().build();
		}

		@PostMapping("/broken")
		ResponseEntity<String> broken() {
			post("/broken");
			return ResponseEntity.status(503).body("unavailable");
		}

		@PostMapping("/down")
		ResponseEntity<String> down() {
			post("/down");
			return ResponseEntity.status(500).body("down");
		}

		/**
		 * Answers only once the test releases it, then writes until the write fails (the
		 * client closed the connection) or a bound is reached.
		 */
		@PostMapping("/slow")
		void slow(HttpServletResponse response) throws InterruptedException {
			post("/slow");
			if (!this.slowRelease.await(30, TimeUnit.SECONDS)) {
				this.slowAnswer.complete("never released");
				return;
			}
			byte[] chunk = new byte[64 * 1024];
			try {
				response.setStatus(200);
				OutputStream body = response.getOutputStream();
				for (int i = 0; i < 1024; i++) {
					body.write(chunk);
					body.flush();
				}
				this.slowAnswer.complete("answered");
			}
			catch (IOException ex) {
				this.slowAnswer.complete("connection closed by the client");
			}
		}

	}

}
