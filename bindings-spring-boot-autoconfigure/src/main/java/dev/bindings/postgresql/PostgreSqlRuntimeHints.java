package dev.bindings.postgresql;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What {@code bindings.postgresql} needs in a native image: HikariCP creates the JDBC
 * driver from its class name.
 */
final class PostgreSqlRuntimeHints implements RuntimeHintsRegistrar {

	static final String DRIVER = "org.postgresql.Driver";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerTypeIfPresent(classLoader, DRIVER, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
	}

}
