package dev.bindings.mysql.autoconfigure;

import dev.bindings.jdbc.AbstractJdbcBindingsAutoConfigurationTests;
import dev.bindings.mysql.MySqlOutputBindingFactory;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tests for {@link MySqlBindingsAutoConfiguration}; the pool connects at startup, so
 * every test with a component needs the local MariaDB server.
 */
class MySqlBindingsAutoConfigurationTests extends AbstractJdbcBindingsAutoConfigurationTests {

	MySqlBindingsAutoConfigurationTests() {
		super(MySqlBindingsAutoConfiguration.class, "bindings.mysql", MySqlOutputBindingFactory.class,
				"dev.bindings.mysql.MySqlDialect", "org.mariadb.jdbc", "url=root:@tcp(127.0.0.1:3306)/test");
	}

	@BeforeAll
	static void requireMariaDb() {
		LocalServers.require("MariaDB", "127.0.0.1", 3306);
	}

	@Override
	protected void requireServer() {
		requireMariaDb();
	}

}
