package dev.bindings.mysql.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.mysql.MySqlOutputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.mysql} binding type, on JDBC with a HikariCP pool
 * and the MariaDB driver ({@code org.mariadb.jdbc:mariadb-java-client} and
 * {@code com.zaxxer:HikariCP}), which serves MySQL and MariaDB servers.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass({ HikariDataSource.class, org.mariadb.jdbc.Driver.class })
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class MySqlBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MySqlOutputBindingFactory mySqlOutputBindingFactory() {
		return new MySqlOutputBindingFactory();
	}

}
