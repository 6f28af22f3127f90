package dev.bindings.mqtt3;

import dev.bindings.OutputBinding;
import dev.bindings.registry.InputBindingFactory;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code bindings-spring-boot-starter-mqtt3} as its only dependency
 * and one {@code bindings.mqtt3} component as its only configuration. The output client
 * connects on the first request, the input client when the binding starts reading (its
 * route is probed first), so startup needs no broker.
 */
@SpringBootTest(classes = Mqtt3StarterTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components.orders.type=bindings.mqtt3",
				"bindings.components.orders.metadata.url=tcp://127.0.0.1:1883",
				"bindings.components.orders.metadata.topic=orders",
				"bindings.components.orders.metadata.consumerID=app" })
class Mqtt3StarterTests {

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void startsWithTheComponentAsItsOnlyConfiguration() {
		assertThat(this.context.isRunning()).isTrue();
	}

	@Test
	void factoriesOfTheTypeAreAutoConfigured() {
		assertThat(this.context.getBeansOfType(OutputBindingFactory.class).values())
			.hasAtLeastOneElementOfType(Mqtt3OutputBindingFactory.class);
		assertThat(this.context.getBeansOfType(InputBindingFactory.class).values())
			.hasAtLeastOneElementOfType(Mqtt3InputBindingFactory.class);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		assertThat(this.context.getBean("orders", OutputBinding.class)).isInstanceOf(Mqtt3OutputBinding.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
