package dev.bindings.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.bindings.testkit.AutoConfigureInMemoryBindings;
import dev.bindings.testkit.InMemoryBindings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's order endpoint tested without any broker: the test kit replaces the
 * bindings with in-memory ones that record what the app sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.kafka.listener.auto-startup=false")
@AutoConfigureInMemoryBindings
class OrderControllerTests {

	@LocalServerPort
	int port;

	@Autowired
	InMemoryBindings bindings;

	@BeforeEach
	void clear() {
		this.bindings.clear();
	}

	@Test
	void placingAnOrderPublishesItKeyedByIdAndWritesAnAuditLine() throws Exception {
		HttpResponse<String> response = post("/orders/42", "{\"item\":\"book\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		InMemoryBindings.Invocation order = this.bindings.lastInvocation("myevent");
		assertThat(order.operation()).isEqualTo("create");
		assertThat(order.metadata()).containsEntry("partitionKey", "42");
		assertThat(order.dataAs(Map.class)).isEqualTo(Map.of("id", "42", "order", Map.of("item", "book")));
		assertThat(this.bindings.lastInvocation("audit").dataAsString()).isEqualTo("order 42 placed");
	}

	@Test
	void aFailingBindingIsReportedAndNothingIsAudited() throws Exception {
		this.bindings.fail("myevent", "kafka: brokers unavailable");
		HttpResponse<String> response = post("/orders/43", "{\"item\":\"pen\"}");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(this.bindings.invocations("audit")).isEmpty();
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
