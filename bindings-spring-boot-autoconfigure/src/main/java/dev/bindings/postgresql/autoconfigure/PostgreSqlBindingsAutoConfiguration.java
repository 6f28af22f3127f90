package dev.bindings.postgresql.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.BindingsProperties;
import dev.bindings.postgresql.PostgreSqlOutputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code bindings.postgresql} binding type, on JDBC with a
 * HikariCP pool and the PostgreSQL driver ({@code org.postgresql:postgresql} and
 * {@code com.zaxxer:HikariCP}). A {@code query} answers at most
 * {@code bindings.limits.max-response-size} bytes.
 * <p>
 * Without HikariCP or the PostgreSQL driver, a {@code bindings.postgresql} component
 * fails startup naming the starter to add,
 * {@code dev.bindings:bindings-spring-boot-starter-postgresql}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BindingsProperties.class)
public final class PostgreSqlBindingsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HikariDataSource.class, org.postgresql.Driver.class })
	static class OutputBindingFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PostgreSqlOutputBindingFactory postgreSqlOutputBindingFactory(BindingsProperties properties) {
			return new PostgreSqlOutputBindingFactory(properties.getLimits().getMaxResponseSize().toBytes());
		}

	}

	/**
	 * Names the starter to add when the client library is missing; refers to none of its
	 * classes.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(ClientLibraryMissingCondition.class)
	static class ClientLibraryMissingConfiguration {

		@Bean
		UnavailableBindingType postgreSqlUnavailableBindingType() {
			return new UnavailableBindingType("bindings.postgresql",
					"dev.bindings:bindings-spring-boot-starter-postgresql");
		}

	}

	/**
	 * Matches when any of the classes the binding factory needs is missing.
	 */
	static final class ClientLibraryMissingCondition extends NoneNestedConditions {

		ClientLibraryMissingCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(name = { "com.zaxxer.hikari.HikariDataSource", "org.postgresql.Driver" })
		static final class ClientLibraryPresent {

		}

	}

}
