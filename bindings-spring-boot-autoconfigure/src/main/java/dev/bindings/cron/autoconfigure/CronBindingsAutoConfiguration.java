package dev.bindings.cron.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.cron.CronInputBindingFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code bindings.cron} input binding type; it needs no library
 * beyond the JDK and Spring.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class CronBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CronInputBindingFactory cronInputBindingFactory() {
		return new CronInputBindingFactory();
	}

}
