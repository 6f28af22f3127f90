package dev.bindings.rabbitmq.autoconfigure;

import java.util.UUID;

import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.rabbitmq.RabbitMqOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RabbitMqBindingsAutoConfiguration}.
 */
class RabbitMqBindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitMqBindingsAutoConfiguration.class,
				BindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@BeforeAll
	static void requireServer() {
		LocalServers.require("RabbitMQ", "127.0.0.1", 5672);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		// exclusive: the queue goes away with the binding's connection
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=bindings.rabbitmq",
					"bindings.components.x.metadata.host=amqp://guest:guest@127.0.0.1:5672",
					"bindings.components.x.metadata.queueName=bindings-test-" + UUID.randomUUID(),
					"bindings.components.x.metadata.exclusive=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(RabbitMqOutputBindingFactory.class);
				// the binding class is package-private
				assertThat(context.getBean("x", OutputBinding.class).getClass().getName())
					.isEqualTo("dev.bindings.rabbitmq.RabbitMqOutputBinding");
			});
	}

	@Test
	void factoryBacksOffWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RabbitMqOutputBindingFactory.class));
	}

	@Test
	void componentFailsStartupNamingTheStarterWithoutSpringAmqp() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.amqp"))
			.withPropertyValues("bindings.components.x.type=bindings.rabbitmq")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding x (bindings.rabbitmq/v1)");
				assertThat(failure.getAction()).isEqualTo(
						"Add the dependency dev.bindings:bindings-spring-boot-starter-rabbitmq to the application.");
			});
	}

	@Test
	void noUnavailableTypeIsContributedWhenTheClientLibraryIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RabbitMqOutputBindingFactory.class);
			assertThat(context).doesNotHaveBean(UnavailableBindingType.class);
		});
	}

}
