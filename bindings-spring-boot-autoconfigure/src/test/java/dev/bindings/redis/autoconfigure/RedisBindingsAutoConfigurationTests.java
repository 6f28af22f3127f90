package dev.bindings.redis.autoconfigure;

import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.redis.RedisOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisBindingsAutoConfiguration}.
 */
class RedisBindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisBindingsAutoConfiguration.class, BindingsAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=bindings.redis",
					"bindings.components.x.metadata.redisHost=127.0.0.1:6379")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(RedisOutputBindingFactory.class);
				// the binding class is package-private
				assertThat(context.getBean("x", OutputBinding.class).getClass().getName())
					.isEqualTo("dev.bindings.redis.RedisOutputBinding");
			});
	}

	@Test
	void factoryBacksOffWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisOutputBindingFactory.class));
	}

	@Test
	void componentFailsStartupNamingTheStarterWithoutLettuce() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.lettuce"))
			.withPropertyValues("bindings.components.x.type=bindings.redis")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding x (bindings.redis/v1)");
				assertThat(failure.getAction()).isEqualTo(
						"Add the dependency dev.bindings:bindings-spring-boot-starter-redis to the application.");
			});
	}

	@Test
	void noUnavailableTypeIsContributedWhenTheClientLibraryIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisOutputBindingFactory.class);
			assertThat(context).doesNotHaveBean(UnavailableBindingType.class);
		});
	}

}
