package dev.bindings.mysql.autoconfigure;

import java.util.Map;

import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.mysql.MySqlDialect;
import dev.bindings.mysql.MySqlOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlBindingsAutoConfiguration}.
 */
class MySqlBindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MySqlBindingsAutoConfiguration.class, BindingsAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@BeforeAll
	static void requireServer() {
		LocalServers.require("MariaDB", "127.0.0.1", 3306);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=bindings.mysql",
					"bindings.components.x.metadata.url=root:@tcp(127.0.0.1:3306)/test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(MySqlOutputBindingFactory.class);
				assertThat(context.getBean("x", OutputBinding.class)).isInstanceOf(JdbcOutputBinding.class)
					.extracting((binding) -> ((JdbcOutputBinding) binding).getDialect())
					.isInstanceOf(MySqlDialect.class);
			});
	}

	@Test
	void factoryBacksOffWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MySqlOutputBindingFactory.class));
	}

	@Test
	void componentFailsStartupNamingTheStarterWithoutTheMariaDbDriver() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.mariadb.jdbc"))
			.withPropertyValues("bindings.components.x.type=bindings.mysql")
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding x (bindings.mysql/v1)");
				assertThat(failure.getAction()).isEqualTo(
						"Add the dependency dev.bindings:bindings-spring-boot-starter-mysql to the application.");
			});
	}

	@Test
	void noUnavailableTypeIsContributedWhenTheClientLibraryIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MySqlOutputBindingFactory.class);
			assertThat(context).doesNotHaveBean(UnavailableBindingType.class);
		});
	}

	@Test
	void queryResultsAreLimitedByMaxResponseSize() {
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=bindings.mysql",
					"bindings.components.x.metadata.url=root:@tcp(127.0.0.1:3306)/test",
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
