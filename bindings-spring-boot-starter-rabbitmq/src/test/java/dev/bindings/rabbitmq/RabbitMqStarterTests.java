package dev.bindings.rabbitmq;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import dev.bindings.OutputBinding;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code bindings-spring-boot-starter-rabbitmq} as its only
 * dependency and one {@code bindings.rabbitmq} component as its only configuration. The
 * binding declares its queue at startup, as Dapr does: this needs the local RabbitMQ
 * server. The queue is exclusive, so it goes away with the binding's connection.
 */
@SpringBootTest(classes = RabbitMqStarterTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components.orders.type=bindings.rabbitmq",
				"bindings.components.orders.metadata.host=amqp://guest:guest@127.0.0.1:5672",
				"bindings.components.orders.metadata.queueName=bindings-starter-test-${random.uuid}",
				"bindings.components.orders.metadata.exclusive=true" })
class RabbitMqStarterTests {

	@Autowired
	private ConfigurableApplicationContext context;

	@BeforeAll
	static void requireServer() {
		// as LocalServers in the auto-configuration's tests: fails on CI, skipped
		// elsewhere
		String message = "RabbitMQ is not running on 127.0.0.1:5672; this test needs a real RabbitMQ server there";
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
		}
		catch (IOException ex) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
	}

	@Test
	void startsWithoutAnySpringRabbitmqProperty() {
		assertThat(Binder.get(this.context.getEnvironment())
			.bind("spring.rabbitmq", Bindable.mapOf(String.class, Object.class))
			.isBound()).isFalse();
		assertThat(this.context.isRunning()).isTrue();
	}

	@Test
	void springBootRabbitConnectionFactoryIsNotAutoConfigured() {
		assertThat(this.context.getBeanNamesForType(ConnectionFactory.class)).isEmpty();
	}

	@Test
	void factoryOfTheTypeIsAutoConfigured() {
		assertThat(this.context.getBeansOfType(OutputBindingFactory.class).values())
			.hasAtLeastOneElementOfType(RabbitMqOutputBindingFactory.class);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		assertThat(this.context.getBean("orders", OutputBinding.class)).isInstanceOf(RabbitMqOutputBinding.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
