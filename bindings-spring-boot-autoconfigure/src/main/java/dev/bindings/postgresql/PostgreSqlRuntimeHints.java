package dev.bindings.postgresql;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What {@code bindings.postgresql} needs in a native image: HikariCP creates the JDBC
 * driver from its class name, and the driver creates the SSL socket factory that
 * {@link PostgreSqlTls} names in {@code sslfactory}.
 */
final class PostgreSqlRuntimeHints implements RuntimeHintsRegistrar {

	static final String DRIVER = "org.postgresql.Driver";

	static final String SSL_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerTypeIfPresent(classLoader, DRIVER, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)
			.registerTypeIfPresent(classLoader, SSL_FACTORY, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
	}

}
