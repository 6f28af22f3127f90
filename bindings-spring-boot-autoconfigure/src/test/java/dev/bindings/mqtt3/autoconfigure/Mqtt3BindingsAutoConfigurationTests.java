package dev.bindings.mqtt3.autoconfigure;

import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.InputBindingsAutoConfiguration;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.mqtt3.Mqtt3InputBindingFactory;
import dev.bindings.mqtt3.Mqtt3OutputBindingFactory;
import dev.bindings.registry.OutputBindingRegistry;
import dev.bindings.registry.UnavailableBindingType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Mqtt3BindingsAutoConfiguration}.
 */
class Mqtt3BindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(Mqtt3BindingsAutoConfiguration.class, BindingsAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=bindings.mqtt3",
					"bindings.components.x.metadata.url=tcp://127.0.0.1:1883",
					"bindings.components.x.metadata.topic=orders", "bindings.components.x.metadata.consumerID=app")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(Mqtt3OutputBindingFactory.class);
				assertThat(context.getBean("x", OutputBinding.class).getClass().getName())
					.isEqualTo("dev.bindings.mqtt3.Mqtt3OutputBinding");
			});
	}

	@Test
	void inputFactoryIsRegisteredWhenThePahoClientIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(Mqtt3InputBindingFactory.class));
	}

	@Test
	void componentWithDirectionInputBecomesAnInputBinding() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(InputBindingsAutoConfiguration.class))
			.withPropertyValues("bindings.components.x.type=bindings.mqtt3",
					"bindings.components.x.metadata.url=tcp://127.0.0.1:1883",
					"bindings.components.x.metadata.topic=orders", "bindings.components.x.metadata.consumerID=app",
					"bindings.components.x.metadata.direction=input")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(InputBindingRegistry.class).find("x")).isNotNull();
				assertThat(context.getBean(OutputBindingRegistry.class).find("x")).isNull();
			});
	}

	@Test
	void factoriesBackOffWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(Mqtt3OutputBindingFactory.class);
			assertThat(context).doesNotHaveBean(Mqtt3InputBindingFactory.class);
		});
	}

	@Test
	void inputComponentFailsStartupNamingTheStarterWithoutThePahoClient() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(InputBindingsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.eclipse.paho"))
			.withPropertyValues("bindings.components.x.type=bindings.mqtt3",
					"bindings.components.x.metadata.direction=input")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find input binding x (bindings.mqtt3/v1)");
				assertThat(failure.getAction()).isEqualTo(
						"Add the dependency dev.bindings:bindings-spring-boot-starter-mqtt3 to the application.");
			});
	}

	@Test
	void componentFailsStartupNamingTheStarterWithoutThePahoClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.eclipse.paho"))
			.withPropertyValues("bindings.components.x.type=bindings.mqtt3")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding x (bindings.mqtt3/v1)");
				assertThat(failure.getAction()).isEqualTo(
						"Add the dependency dev.bindings:bindings-spring-boot-starter-mqtt3 to the application.");
			});
	}

	@Test
	void noUnavailableTypeIsContributedWhenTheClientLibraryIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Mqtt3OutputBindingFactory.class);
			assertThat(context).doesNotHaveBean(UnavailableBindingType.class);
		});
	}

}
