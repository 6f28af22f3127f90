package dev.bindings.postgresql.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.postgresql.PostgreSqlOutputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.postgresql} binding type, on JDBC with a HikariCP
 * pool and the PostgreSQL driver ({@code org.postgresql:postgresql} and
 * {@code com.zaxxer:HikariCP}).
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass({ HikariDataSource.class, org.postgresql.Driver.class })
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class PostgreSqlBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PostgreSqlOutputBindingFactory postgreSqlOutputBindingFactory() {
		return new PostgreSqlOutputBindingFactory();
	}

}
