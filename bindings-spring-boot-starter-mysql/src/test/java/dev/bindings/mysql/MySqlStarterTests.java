package dev.bindings.mysql;

import dev.bindings.jdbc.AbstractJdbcStarterTests;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * An application with {@code bindings-spring-boot-starter-mysql} as its only dependency
 * and one {@code bindings.mysql} component as its only configuration. The binding
 * connects at startup, as Dapr pings the database: this needs the local MariaDB server.
 */
@SpringBootTest(classes = AbstractJdbcStarterTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components.orders.type=bindings.mysql",
				"bindings.components.orders.metadata.url=root:@tcp(127.0.0.1:3306)/test" })
class MySqlStarterTests extends AbstractJdbcStarterTests {

	MySqlStarterTests() {
		super(MySqlOutputBindingFactory.class, MySqlDialect.class);
	}

	@BeforeAll
	static void requireServer() {
		LocalServers.require("MariaDB", "127.0.0.1", 3306);
	}

}
