package dev.bindings.mysql.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.BindingsProperties;
import dev.bindings.mysql.MySqlOutputBindingFactory;
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
 * Auto-configuration of the {@code bindings.mysql} binding type, on JDBC with a HikariCP
 * pool and the MariaDB driver ({@code org.mariadb.jdbc:mariadb-java-client} and
 * {@code com.zaxxer:HikariCP}), which serves MySQL and MariaDB servers. A {@code query}
 * answers at most {@code bindings.limits.max-response-size} bytes.
 * <p>
 * Without HikariCP or the MariaDB driver, a {@code bindings.mysql} component fails
 * startup naming the starter to add,
 * {@code dev.bindings:bindings-spring-boot-starter-mysql}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BindingsProperties.class)
public final class MySqlBindingsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HikariDataSource.class, org.mariadb.jdbc.Driver.class })
	static class OutputBindingFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MySqlOutputBindingFactory mySqlOutputBindingFactory(BindingsProperties properties) {
			return new MySqlOutputBindingFactory(properties.getLimits().getMaxResponseSize().toBytes());
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
		UnavailableBindingType mySqlUnavailableBindingType() {
			return new UnavailableBindingType("bindings.mysql", "dev.bindings:bindings-spring-boot-starter-mysql");
		}

	}

	/**
	 * Matches when any of the classes the binding factory needs is missing.
	 */
	static final class ClientLibraryMissingCondition extends NoneNestedConditions {

		ClientLibraryMissingCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(name = { "com.zaxxer.hikari.HikariDataSource", "org.mariadb.jdbc.Driver" })
		static final class ClientLibraryPresent {

		}

	}

}
