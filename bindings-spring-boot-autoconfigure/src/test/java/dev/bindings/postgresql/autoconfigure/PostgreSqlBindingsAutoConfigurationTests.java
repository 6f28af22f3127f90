package dev.bindings.postgresql.autoconfigure;

import dev.bindings.jdbc.AbstractJdbcBindingsAutoConfigurationTests;
import dev.bindings.postgresql.PostgreSqlOutputBindingFactory;
import dev.bindings.test.LocalServers;

/**
 * Tests for {@link PostgreSqlBindingsAutoConfiguration}; the pool opens its connections
 * on demand, so only a query needs the local PostgreSQL server.
 */
class PostgreSqlBindingsAutoConfigurationTests extends AbstractJdbcBindingsAutoConfigurationTests {

	PostgreSqlBindingsAutoConfigurationTests() {
		super(PostgreSqlBindingsAutoConfiguration.class, "bindings.postgresql", PostgreSqlOutputBindingFactory.class,
				"dev.bindings.postgresql.PostgreSqlDialect", "org.postgresql",
				"connectionString=host=127.0.0.1 user=postgres dbname=test sslmode=disable");
	}

	@Override
	protected void requireServer() {
		LocalServers.require("PostgreSQL", "127.0.0.1", 5432);
	}

}
