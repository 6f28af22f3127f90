package dev.bindings.jdbc;

import javax.sql.DataSource;

import dev.bindings.OutputBinding;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starters of the SQL binding types share, tested in each starter's module (this
 * class reaches them in the test jar of {@code bindings-spring-boot-autoconfigure}): an
 * application with the starter as its only dependency and one component named
 * {@code orders} as its only configuration, started with {@link TestApplication}, needs
 * no {@code spring.datasource} property and gets no Spring Boot {@code DataSource}.
 */
public abstract class AbstractJdbcStarterTests {

	@Autowired
	private ConfigurableApplicationContext context;

	private final Class<? extends OutputBindingFactory> factory;

	private final Class<? extends JdbcDialect> dialect;

	/**
	 * Create the tests.
	 * @param factory the type's factory
	 * @param dialect the type's dialect
	 */
	protected AbstractJdbcStarterTests(Class<? extends OutputBindingFactory> factory,
			Class<? extends JdbcDialect> dialect) {
		this.factory = factory;
		this.dialect = dialect;
	}

	@Test
	void startsWithoutAnySpringDatasourceProperty() {
		assertThat(Binder.get(this.context.getEnvironment())
			.bind("spring.datasource", Bindable.mapOf(String.class, Object.class))
			.isBound()).isFalse();
		assertThat(this.context.isRunning()).isTrue();
	}

	@Test
	void springBootDataSourceIsNotAutoConfigured() {
		assertThat(this.context.getBeanNamesForType(DataSource.class)).isEmpty();
	}

	@Test
	void factoryOfTheTypeIsAutoConfigured() {
		assertThat(this.context.getBeansOfType(OutputBindingFactory.class).values())
			.hasAtLeastOneElementOfType(this.factory);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		assertThat(this.context.getBean("orders", OutputBinding.class)).isInstanceOf(JdbcOutputBinding.class)
			.extracting((binding) -> ((JdbcOutputBinding) binding).getDialect())
			.isInstanceOf(this.dialect);
	}

	/**
	 * The application: auto-configuration only.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	public static class TestApplication {

	}

}
