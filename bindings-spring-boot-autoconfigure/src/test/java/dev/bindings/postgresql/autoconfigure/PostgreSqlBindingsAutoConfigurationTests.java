package dev.bindings.postgresql.autoconfigure;

import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.postgresql.PostgreSqlOutputBinding;
import dev.bindings.postgresql.PostgreSqlOutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PostgreSqlBindingsAutoConfiguration}.
 */
class PostgreSqlBindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PostgreSqlBindingsAutoConfiguration.class,
				BindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=bindings.postgresql",
					"bindings.components.x.metadata.connectionString=host=127.0.0.1 user=postgres dbname=test sslmode=disable")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(PostgreSqlOutputBindingFactory.class);
				assertThat(context.getBean("x", OutputBinding.class)).isInstanceOf(PostgreSqlOutputBinding.class);
			});
	}

	@Test
	void factoryBacksOffWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PostgreSqlOutputBindingFactory.class));
	}

}
