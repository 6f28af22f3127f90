package dev.bindings.postgresql.autoconfigure;

import java.util.Map;

import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.postgresql.PostgreSqlDialect;
import dev.bindings.postgresql.PostgreSqlOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.StartupFailures.componentFailure;
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
		this.contextRunner.withPropertyValues("bindings.components.x.type=bindings.postgresql",
				"bindings.components.x.metadata.connectionString=host=127.0.0.1 user=postgres dbname=test sslmode=disable")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(PostgreSqlOutputBindingFactory.class);
				assertThat(context.getBean("x", OutputBinding.class)).isInstanceOf(JdbcOutputBinding.class)
					.extracting((binding) -> ((JdbcOutputBinding) binding).getDialect())
					.isInstanceOf(PostgreSqlDialect.class);
			});
	}

	@Test
	void factoryBacksOffWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PostgreSqlOutputBindingFactory.class));
	}

	@Test
	void componentFailsStartupNamingTheStarterWithoutThePostgreSqlDriver() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.postgresql"))
			.withPropertyValues("bindings.components.x.type=bindings.postgresql")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding x (bindings.postgresql/v1)");
				assertThat(failure.getAction()).isEqualTo(
						"Add the dependency dev.bindings:bindings-spring-boot-starter-postgresql to the application.");
			});
	}

	@Test
	void noUnavailableTypeIsContributedWhenTheClientLibraryIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PostgreSqlOutputBindingFactory.class);
			assertThat(context).doesNotHaveBean(UnavailableBindingType.class);
		});
	}

	@Test
	void queryResultsAreLimitedByMaxResponseSize() {
		LocalServers.require("PostgreSQL", "127.0.0.1", 5432);
		this.contextRunner.withPropertyValues("bindings.components.x.type=bindings.postgresql",
				"bindings.components.x.metadata.connectionString=host=127.0.0.1 user=postgres dbname=test sslmode=disable",
				"bindings.limits.max-response-size=10B")
			.run((context) -> {
				OutputBinding binding = context.getBean("x", OutputBinding.class);
				assertThat(failure(binding, "query", null,
						Map.of("sql", "SELECT 1 AS one, 2 AS two, 3 AS three, 4 AS four")))
					.hasMessage("error executing query: the result is larger than 10 bytes, the limit set by "
							+ "bindings.limits.max-response-size; select fewer rows or raise the limit");
			});
	}

}
