package dev.bindings.postgresql;

import javax.sql.DataSource;

import dev.bindings.OutputBinding;
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code bindings-spring-boot-starter-postgresql} as its only
 * dependency and one {@code bindings.postgresql} component as its only configuration. The
 * pool opens its connections on demand, so startup needs no server.
 */
@SpringBootTest(classes = PostgreSqlStarterTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components.orders.type=bindings.postgresql",
				"bindings.components.orders.metadata.connectionString=host=127.0.0.1 user=postgres dbname=test sslmode=disable" })
class PostgreSqlStarterTests {

	@Autowired
	private ConfigurableApplicationContext context;

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
			.hasAtLeastOneElementOfType(PostgreSqlOutputBindingFactory.class);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		assertThat(this.context.getBean("orders", OutputBinding.class)).isInstanceOf(JdbcOutputBinding.class)
			.extracting((binding) -> ((JdbcOutputBinding) binding).getDialect())
			.isInstanceOf(PostgreSqlDialect.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
