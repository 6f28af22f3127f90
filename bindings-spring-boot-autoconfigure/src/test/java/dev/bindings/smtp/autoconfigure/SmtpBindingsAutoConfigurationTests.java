package dev.bindings.smtp.autoconfigure;

import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.registry.UnavailableBindingType;
import dev.bindings.smtp.SmtpOutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpBindingsAutoConfiguration}.
 */
class SmtpBindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpBindingsAutoConfiguration.class, BindingsAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=bindings.smtp",
					"bindings.components.x.metadata.host=127.0.0.1",
					"bindings.components.x.metadata.emailFrom=app@example.com")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SmtpOutputBindingFactory.class);
				// the binding class is package-private
				assertThat(context.getBean("x", OutputBinding.class).getClass().getName())
					.isEqualTo("dev.bindings.smtp.SmtpOutputBinding");
			});
	}

	@Test
	void factoryBacksOffWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SmtpOutputBindingFactory.class));
	}

	@Test
	void componentFailsStartupNamingTheStarterWithoutJakartaMail() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("jakarta.mail"))
			.withPropertyValues("bindings.components.x.type=bindings.smtp")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding x (bindings.smtp/v1)");
				assertThat(failure.getAction())
					.isEqualTo("Add the dependency dev.bindings:bindings-spring-boot-starter-smtp to the application.");
			});
	}

	@Test
	void noUnavailableTypeIsContributedWhenTheClientLibraryIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SmtpOutputBindingFactory.class);
			assertThat(context).doesNotHaveBean(UnavailableBindingType.class);
		});
	}

}
