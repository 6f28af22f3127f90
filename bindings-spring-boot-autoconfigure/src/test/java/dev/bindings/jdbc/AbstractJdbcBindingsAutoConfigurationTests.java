package dev.bindings.jdbc;

import java.util.Map;

import dev.bindings.OutputBinding;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the auto-configurations of the SQL binding types share, tested for each type: the
 * factory, its back-off, the starter named when the driver is missing and the response
 * size limit. A type's test class names its auto-configuration, factory, dialect, driver
 * and the metadata that reaches its local server.
 */
public abstract class AbstractJdbcBindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner;

	private final String type;

	private final Class<? extends OutputBindingFactory> factory;

	private final String dialect;

	private final String driverPackage;

	private final String connection;

	/**
	 * Create the tests.
	 * @param autoConfiguration the type's auto-configuration
	 * @param type the type, such as {@code bindings.mysql}
	 * @param factory the type's factory
	 * @param dialect the class name of the type's dialect (package-private)
	 * @param driverPackage the package of the JDBC driver
	 * @param connection the metadata that reaches the local server, {@code key=value}
	 */
	protected AbstractJdbcBindingsAutoConfigurationTests(Class<?> autoConfiguration, String type,
			Class<? extends OutputBindingFactory> factory, String dialect, String driverPackage, String connection) {
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(autoConfiguration, BindingsAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=");
		this.type = type;
		this.factory = factory;
		this.dialect = dialect;
		this.driverPackage = driverPackage;
		this.connection = connection;
	}

	/**
	 * Require the type's local server, for the tests that query it.
	 */
	protected abstract void requireServer();

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=" + this.type,
					"bindings.components.x.metadata." + this.connection)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(this.factory);
				assertThat(context.getBean("x", OutputBinding.class)).isInstanceOf(JdbcOutputBinding.class)
					.extracting((binding) -> ((JdbcOutputBinding) binding).getDialect().getClass().getName())
					.isEqualTo(this.dialect);
			});
	}

	@Test
	void factoryBacksOffWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(this.factory));
	}

	@Test
	void componentFailsStartupNamingTheStarterWithoutTheDriver() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(this.driverPackage))
			.withPropertyValues("bindings.components.x.type=" + this.type)
			.run((context) -> {
				ComponentConfigurationException failure = componentFailure(context);
				assertThat(failure).hasMessageContaining("couldn't find binding x (" + this.type + "/v1)");
				assertThat(failure.getAction())
					.isEqualTo("Add the dependency dev.bindings:bindings-spring-boot-starter-"
							+ this.type.substring("bindings.".length()) + " to the application.");
			});
	}

	@Test
	void noUnavailableTypeIsContributedWhenTheClientLibraryIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(this.factory);
			assertThat(context).doesNotHaveBean(UnavailableBindingType.class);
		});
	}

	@Test
	void queryResultsAreLimitedByMaxResponseSize() {
		requireServer();
		this.contextRunner
			.withPropertyValues("bindings.components.x.type=" + this.type,
					"bindings.components.x.metadata." + this.connection, "bindings.limits.max-response-size=10B")
			.run((context) -> {
				OutputBinding binding = context.getBean("x", OutputBinding.class);
				assertThat(failure(binding, "query", null,
						Map.of("sql", "SELECT 1 AS one, 2 AS two, 3 AS three, 4 AS four")))
					.hasMessage("error executing query: the result is larger than 10 bytes, the limit set by "
							+ "bindings.limits.max-response-size; select fewer rows or raise the limit");
			});
	}

}
