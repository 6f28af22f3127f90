package dev.bindings.testkit;

import java.util.Map;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AutoConfigureInMemoryBindings}: a Kafka component that points at a
 * broker that does not exist is served in memory.
 */
@SpringBootTest(classes = AutoConfigureInMemoryBindingsTests.TestApplication.class,
		properties = { "bindings.components-path=", "bindings.components.orders.type=bindings.kafka",
				"bindings.components.orders.metadata.brokers=127.0.0.1:1",
				"bindings.components.orders.metadata.publishTopic=orders" })
@AutoConfigureInMemoryBindings
class AutoConfigureInMemoryBindingsTests {

	@Autowired
	BindingClient client;

	@Autowired
	InMemoryBindings bindings;

	@Autowired
	@Qualifier("orders")
	OutputBinding orders;

	@BeforeEach
	void clear() {
		this.bindings.clear();
	}

	record Order(String id, int quantity) {

	}

	@Test
	void callsAreRecordedWithTheirDataAsJson() {
		this.client.invoke("orders", "create", new Order("o-1", 2), Map.of("partitionKey", "o-1"));
		InMemoryBindings.Invocation invocation = this.bindings.lastInvocation("orders");
		assertThat(invocation.operation()).isEqualTo("create");
		assertThat(invocation.metadata()).containsEntry("partitionKey", "o-1");
		assertThat(invocation.dataAsString()).isEqualTo("{\"id\":\"o-1\",\"quantity\":2}");
		assertThat(invocation.dataAs(Order.class)).isEqualTo(new Order("o-1", 2));
	}

	@Test
	void theBindingBeanIsInMemoryToo() {
		assertThat(this.orders.ping()).isCompleted();
	}

	@Test
	void errorsAreThoseOfProduction() {
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> this.client.invoke("nope", "create", null))
			.withMessage("error invoking output binding nope: couldn't find output binding nope");
	}

	@Test
	void aBindingCanBeMadeToFailOrToAnswer() {
		this.bindings.fail("orders", "broker says no");
		assertThatExceptionOfType(BindingException.class).isThrownBy(() -> this.client.invoke("orders", "create", "x"))
			.withMessage("error invoking output binding orders: broker says no");
		this.bindings.answer("orders", (request) -> BindingResponse.of(new byte[] { 'o', 'k' }, Map.of()));
		assertThat(this.client.invoke("orders", "create", "x").dataAsString()).isEqualTo("ok");
		assertThat(this.bindings.invocations("orders")).hasSize(2);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
