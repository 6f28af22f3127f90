package dev.bindings.postgresql;

import dev.bindings.jdbc.AbstractJdbcStarterTests;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * An application with {@code bindings-spring-boot-starter-postgresql} as its only
 * dependency and one {@code bindings.postgresql} component as its only configuration. The
 * pool opens its connections on demand, so startup needs no server.
 */
@SpringBootTest(classes = AbstractJdbcStarterTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components.orders.type=bindings.postgresql",
				"bindings.components.orders.metadata.connectionString=host=127.0.0.1 user=postgres dbname=test sslmode=disable" })
class PostgreSqlStarterTests extends AbstractJdbcStarterTests {

	PostgreSqlStarterTests() {
		super(PostgreSqlOutputBindingFactory.class, PostgreSqlDialect.class);
	}

}
