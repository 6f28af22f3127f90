package dev.bindings.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.bindings.BindingClient;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.kafka.autoconfigure.KafkaBindingsAutoConfiguration;
import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.registry.OutputBindingRegistry;
import dev.bindings.registry.UnavailableBindingType;
import dev.bindings.web.DaprHttpApiServlet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BindingsAutoConfiguration}, with Kafka components as the example of a
 * type ({@link KafkaBindingsAutoConfiguration} has its own tests).
 */
class BindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, KafkaBindingsAutoConfiguration.class,
				KafkaAutoConfiguration.class, JacksonAutoConfiguration.class, BindingsWebAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@TempDir
	Path folder;

	@BeforeEach
	void noEmbeddedBroker() {
		// an embedded broker started by another test class leaves these system properties
		// behind
		System.clearProperty("spring.embedded.kafka.brokers");
		System.clearProperty("spring.kafka.bootstrap-servers");
	}

	@Test
	void inlineComponentBecomesAnOutputBindingBeanNamedAfterIt() {
		this.contextRunner
			.withPropertyValues("bindings.components.myevent.type=bindings.kafka",
					"bindings.components.myevent.metadata.brokers=localhost:9092",
					"bindings.components.myevent.metadata.publishTopic=topic1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("myevent", OutputBinding.class).getClass().getName())
					.isEqualTo("dev.bindings.kafka.KafkaOutputBinding");
				// the topic it publishes to: KafkaOutputBindingTests
				assertThat(context.getBean(OutputBindingRegistry.class).definition("myevent"))
					.extracting(ComponentDefinition::metadata)
					.isEqualTo(Map.of("brokers", "localhost:9092", "publishTopic", "topic1"));
				assertThat(context).hasSingleBean(BindingClient.class);
			});
	}

	@Test
	void aComponentWhoseDirectionIsOnlyInputHasNoOutputBindingBean() {
		this.contextRunner
			.withPropertyValues("bindings.components.events.type=bindings.kafka",
					"bindings.components.events.metadata.brokers=localhost:9092",
					"bindings.components.events.metadata.topics=topic1",
					"bindings.components.events.metadata.consumerGroup=group1",
					"bindings.components.events.metadata.direction= Input ")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("events");
				assertThat(context).doesNotHaveBean(OutputBinding.class);
			});
	}

	@Test
	void componentFileInComponentsPathBecomesAnOutputBindingBean() throws IOException {
		writeKafkaComponent("filed", "localhost:9092");
		this.contextRunner.withPropertyValues("bindings.components-path=" + this.folder).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("filed", OutputBinding.class).getClass().getName())
				.isEqualTo("dev.bindings.kafka.KafkaOutputBinding");
		});
	}

	@Test
	void fileAndInlineDefinitionsOfTheSameComponentBehaveIdentically() throws IOException {
		writeKafkaComponent("fromfile", "localhost:9092");
		this.contextRunner
			.withPropertyValues("bindings.components-path=" + this.folder,
					"bindings.components.inline.type=bindings.kafka",
					"bindings.components.inline.metadata.brokers=localhost:9092",
					"bindings.components.inline.metadata.publishTopic=topic1")
			.run((context) -> {
				OutputBindingRegistry registry = context.getBean(OutputBindingRegistry.class);
				assertThat(registry.definitions()).extracting((definition) -> definition.metadata())
					.containsOnly(Map.of("brokers", "localhost:9092", "publishTopic", "topic1"));
			});
	}

	@Test
	void bracketedMapKeyKeepsCharactersThatBootWouldDrop() {
		this.contextRunner
			.withPropertyValues("bindings.components.[my_event].type=bindings.test.echo",
					"bindings.components.plain.name=other_name", "bindings.components.plain.type=bindings.test.echo")
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("my_event").hasBean("other_name");
			});
	}

	@Test
	void metadataKeysKeepTheirCase() {
		this.contextRunner
			.withPropertyValues("bindings.components.echo.type=bindings.test.echo",
					"bindings.components.echo.metadata.publishTopic=t")
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context.getBean(OutputBindingRegistry.class).definitions()).singleElement()
				.satisfies((definition) -> assertThat(definition.metadata()).containsKey("publishTopic")));
	}

	@Test
	void unknownTypeFailsStartupNamingTheComponentAndTheFile() throws IOException {
		Files.writeString(this.folder.resolve("odd.yaml"), """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: odd
				spec:
				  type: bindings.nosuch
				  version: v1
				""");
		this.contextRunner.withPropertyValues("bindings.components-path=" + this.folder).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(componentFailure(context)).hasMessageContaining("couldn't find binding odd (bindings.nosuch/v1)")
				.hasMessageContaining("odd.yaml");
		});
	}

	@Test
	void unknownTypeFailsStartupNamingTheAvailableTypes() {
		this.contextRunner.withPropertyValues("bindings.components.odd.type=bindings.nosuch")
			.run((context) -> assertThat(componentFailure(context).getAction())
				.startsWith("Use a supported type and version (available: bindings.kafka/v1)"));
	}

	@Test
	void unavailableTypeFailsStartupNamingTheDependencyToAdd() {
		this.contextRunner
			.withBean(UnavailableBindingType.class,
					() -> new UnavailableBindingType("bindings.nosuch", "com.example:nosuch-starter"))
			.withPropertyValues("bindings.components.odd.type=bindings.nosuch")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding odd (bindings.nosuch/v1)");
				assertThat(failure.getAction())
					.isEqualTo("Add the dependency com.example:nosuch-starter to the application.");
			});
	}

	@Test
	void unknownVersionFailsStartup() {
		this.contextRunner
			.withPropertyValues("bindings.components.v9.type=bindings.kafka", "bindings.components.v9.version=v9")
			.run((context) -> assertThat(componentFailure(context))
				.hasMessageContaining("couldn't find binding v9 (bindings.kafka/v9)"));
	}

	@Test
	void unknownTypeWithIgnoreErrorsIsSkipped() {
		this.contextRunner
			.withPropertyValues("bindings.components.odd.type=bindings.nosuch",
					"bindings.components.odd.ignore-errors=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(OutputBindingRegistry.class).find("odd")).isNull();
			});
	}

	@Test
	void componentNamedLikeAnotherBeanFailsStartup() {
		this.contextRunner.withBean("taken", String.class, () -> "x")
			.withPropertyValues("bindings.components.taken.type=bindings.kafka")
			.run((context) -> assertThat(componentFailure(context))
				.hasMessageContaining("already the name of another bean"));
	}

	@Test
	void componentsThatAreNotBindingsAreIgnored() throws IOException {
		Files.writeString(this.folder.resolve("state.yaml"), """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: statestore
				spec:
				  type: state.redis
				  version: v1
				""");
		this.contextRunner.withPropertyValues("bindings.components-path=" + this.folder).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("statestore");
		});
	}

	@Test
	void userBindingTypeIsOneBean() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("bindings.components.echo.type=bindings.test.echo")
			.run((context) -> assertThat(
					context.getBean(BindingClient.class).invoke("echo", "get", "hi").dataAsString())
				.isEqualTo("\"hi\""));
	}

	@Test
	void scopesAreMatchedAgainstTheApplicationName() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("spring.application.name=app1", "bindings.components.mine.type=bindings.test.echo",
					"bindings.components.mine.scopes=app1", "bindings.components.theirs.type=bindings.test.echo",
					"bindings.components.theirs.scopes=app2")
			.run((context) -> assertThat(context).hasBean("mine").doesNotHaveBean("theirs"));
	}

	@Test
	void bindingsCanBeDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BindingClient.class));
	}

	@Test
	void httpApiIsRegisteredInServletWebApplications() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, JacksonAutoConfiguration.class,
					BindingsWebAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=")
			.run((context) -> assertThat(context).hasSingleBean(DaprHttpApiServlet.class));
	}

	@Test
	void httpApiIsNotRegisteredOutsideWebApplications() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DaprHttpApiServlet.class));
	}

	private void writeKafkaComponent(String name, String brokers) throws IOException {
		Files.writeString(this.folder.resolve(name + ".yaml"), """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: %s
				spec:
				  type: bindings.kafka
				  version: v1
				  metadata:
				  - name: brokers
				    value: %s
				  - name: publishTopic
				    value: topic1
				""".formatted(name, brokers));
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		OutputBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

	}

}
