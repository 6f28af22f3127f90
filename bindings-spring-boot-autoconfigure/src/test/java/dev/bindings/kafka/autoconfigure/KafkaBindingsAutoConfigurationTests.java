package dev.bindings.kafka.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.kafka.KafkaOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaBindingsAutoConfiguration}.
 */
class KafkaBindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, KafkaBindingsAutoConfiguration.class,
				KafkaAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@BeforeEach
	void noEmbeddedBroker() {
		// an embedded broker started by another test class leaves these system properties
		// behind
		System.clearProperty("spring.embedded.kafka.brokers");
		System.clearProperty("spring.kafka.bootstrap-servers");
	}

	@Test
	void invalidKafkaMetadataFailsStartupNamingTheKey() {
		this.contextRunner
			.withPropertyValues("bindings.components.nobrokers.type=bindings.kafka",
					"bindings.components.nobrokers.metadata.publishTopic=topic1")
			.run((context) -> assertThat(componentFailure(context)).hasMessageContaining("Component 'nobrokers'")
				.hasMessageContaining("kafka error: missing 'brokers' attribute"));
	}

	@Test
	void springKafkaBootstrapServersAreTheDefaultBrokers() {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=localhost:19092",
					"bindings.components.nobrokers.type=bindings.kafka",
					"bindings.components.nobrokers.metadata.publishTopic=topic1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void componentFailsStartupNamingTheStarterWithoutSpringKafka() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.kafka"))
			.withPropertyValues("bindings.components.x.type=bindings.kafka")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding x (bindings.kafka/v1)");
				assertThat(failure.getAction())
					.isEqualTo("Add the dependency org.springframework.boot:spring-boot-starter-kafka "
							+ "(or spring-kafka and spring-boot-kafka) to the application.");
			});
	}

	@Test
	void noUnavailableTypeIsContributedWhenTheClientLibraryIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KafkaOutputBindingFactory.class);
			assertThat(context).doesNotHaveBean(UnavailableBindingType.class);
		});
	}

}
