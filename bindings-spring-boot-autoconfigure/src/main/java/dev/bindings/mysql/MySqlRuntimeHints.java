package dev.bindings.mysql;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What {@code bindings.mysql} needs in a native image: HikariCP creates the JDBC driver
 * (MariaDB Connector/J) from its class name, and the driver reads its version and
 * property descriptions from class path resources. The driver's plugins (TLS,
 * authentication, codecs) are Java services, which a native image includes by itself.
 */
final class MySqlRuntimeHints implements RuntimeHintsRegistrar {

	static final String DRIVER = "org.mariadb.jdbc.Driver";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(DRIVER, classLoader)) {
			return;
		}
		hints.reflection().registerTypeIfPresent(classLoader, DRIVER, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		hints.resources()
			.registerPattern("mariadb.properties")
			.registerPattern("driver.properties")
			.registerPattern("deprecated.properties");
	}

}
