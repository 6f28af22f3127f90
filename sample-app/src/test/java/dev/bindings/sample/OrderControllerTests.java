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
 * The sample's order endpoint and its input bindings tested without any broker: the test
 * kit replaces the bindings with in-memory ones that record what the app sent, and
 * delivers events into the input bindings as Kafka would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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

	@Test
	void recordsOfBothInputBindingsAreListed() throws Exception {
		// the Java way: the audit-events binding's @BindingListener method
		this.bindings.deliver("audit-events", "order 7 placed", Map.of("__topic", "audit", "__offset", "3"));
		// the Dapr way: the topic1-events binding's route, POST /topic1-events on the
		// app's port
		this.bindings.deliver("topic1-events", "{\"id\":\"7\"}", Map.of("__topic", "topic1", "__key", "7"));
		HttpResponse<String> received = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/received")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(received.body()).contains(
				"{\"binding\":\"audit-events\",\"topic\":\"audit\",\"partition\":null,\"offset\":\"3\",\"key\":null,\"value\":\"order 7 placed\"}")
			.contains("\"binding\":\"topic1-events\",\"topic\":\"topic1\"")
			.contains("\"key\":\"7\",\"value\":\"{\\\"id\\\":\\\"7\\\"}\"");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
