package dev.bindings.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bindings.BindingEvent;
import dev.bindings.BindingListener;
import dev.bindings.DeliveryFailedException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Input bindings under {@link AutoConfigureInMemoryBindings}: Kafka and MQTT input
 * components that point at brokers that do not exist read nothing, and the test delivers
 * events into it through the application's real delivery path.
 */
@SpringBootTest(classes = InMemoryInputBindingsTests.TestApplication.class, properties = { "bindings.components-path=",
		"bindings.components.orders.type=bindings.kafka", "bindings.components.orders.metadata.brokers=127.0.0.1:1",
		"bindings.components.orders.metadata.topics=orders", "bindings.components.orders.metadata.consumerGroup=shop",
		"bindings.components.orders.metadata.direction=input", "bindings.components.nightly.type=bindings.cron",
		"bindings.components.nightly.metadata.schedule=@daily", "bindings.components.unhandled.type=bindings.kafka",
		"bindings.components.unhandled.metadata.brokers=127.0.0.1:1",
		"bindings.components.unhandled.metadata.topics=unhandled",
		"bindings.components.unhandled.metadata.consumerGroup=shop",
		"bindings.components.unhandled.metadata.direction=input", "bindings.components.sensors.type=bindings.mqtt3",
		"bindings.components.sensors.metadata.url=tcp://127.0.0.1:1",
		"bindings.components.sensors.metadata.topic=sensors/+",
		"bindings.components.sensors.metadata.consumerID=shop" })
@AutoConfigureInMemoryBindings
class InMemoryInputBindingsTests {

	@Autowired
	InMemoryBindings bindings;

	@Autowired
	Handlers handlers;

	record Order(String id, int quantity) {

	}

	@Test
	void anObjectIsDeliveredAsJsonToTheHandlerMethod() {
		this.bindings.deliver("orders", new Order("o-1", 2), Map.of("__key", "o-1"));
		assertThat(this.handlers.orders).contains(new Order("o-1", 2));
	}

	@Test
	void aStringIsDeliveredAsItsBytes() {
		this.bindings.deliver("orders", "{\"id\":\"o-2\",\"quantity\":1}");
		assertThat(this.handlers.orders).contains(new Order("o-2", 1));
	}

	@Test
	void aCronTickIsAnEmptyEvent() {
		this.bindings.deliver("nightly", null, Map.of("timeZone", "Local"));
		assertThat(this.handlers.ticks).isNotEmpty();
		assertThat(this.handlers.ticks.get(0).data()).isEmpty();
		assertThat(this.handlers.ticks.get(0).metadata()).containsEntry("timeZone", "Local");
	}

	@Test
	void anMqttMessageIsDeliveredInMemory() {
		this.bindings.deliver("sensors", "21.5", Map.of("topic", "sensors/kitchen"));
		assertThat(this.handlers.readings).extracting(BindingEvent::dataAsString).contains("21.5");
		assertThat(this.handlers.readings.get(0).metadata()).containsEntry("topic", "sensors/kitchen");
	}

	@Test
	void aFailingHandlerFailsTheDelivery() {
		assertThatExceptionOfType(DeliveryFailedException.class)
			.isThrownBy(() -> this.bindings.deliver("orders", new Order("poison", 0)))
			.havingCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessage("poison order");
	}

	@Test
	void aBindingWithoutHandlerOrServerDoesNotRead() {
		assertThatExceptionOfType(DeliveryFailedException.class)
			.isThrownBy(() -> this.bindings.deliver("unhandled", "x"))
			.withMessageStartingWith("input binding 'unhandled' does not read");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		final List<Order> orders = new CopyOnWriteArrayList<>();

		final List<BindingEvent> ticks = new CopyOnWriteArrayList<>();

		final List<BindingEvent> readings = new CopyOnWriteArrayList<>();

		@BindingListener("orders")
		void onOrder(Order order) {
			if (order.id().equals("poison")) {
				throw new IllegalArgumentException("poison order");
			}
			this.orders.add(order);
		}

		@BindingListener("nightly")
		void onTick(BindingEvent tick) {
			this.ticks.add(tick);
		}

		@BindingListener("sensors")
		void onReading(BindingEvent reading) {
			this.readings.add(reading);
		}

	}

}
