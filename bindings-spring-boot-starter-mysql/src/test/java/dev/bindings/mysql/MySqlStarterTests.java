package dev.bindings.mysql;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.sql.DataSource;

import dev.bindings.OutputBinding;
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
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
 * An application with {@code bindings-spring-boot-starter-mysql} as its only dependency
 * and one {@code bindings.mysql} component as its only configuration. The binding
 * connects at startup, as Dapr pings the database: this needs the local MariaDB server.
 */
@SpringBootTest(classes = MySqlStarterTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components.orders.type=bindings.mysql",
				"bindings.components.orders.metadata.url=root:@tcp(127.0.0.1:3306)/test" })
class MySqlStarterTests {

	@Autowired
	private ConfigurableApplicationContext context;

	@BeforeAll
	static void requireServer() {
		// as LocalServers in the auto-configuration's tests: fails on CI, skipped
		// elsewhere
		String message = "MariaDB is not running on 127.0.0.1:3306; this test needs a real MariaDB server there";
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 3306), 1000);
		}
		catch (IOException ex) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
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
			.hasAtLeastOneElementOfType(MySqlOutputBindingFactory.class);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		assertThat(this.context.getBean("orders", OutputBinding.class)).isInstanceOf(JdbcOutputBinding.class)
			.extracting((binding) -> ((JdbcOutputBinding) binding).getDialect())
			.isInstanceOf(MySqlDialect.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
