package dev.bindings.smtp.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.smtp.SmtpOutputBindingFactory;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Auto-configuration of the {@code bindings.smtp} binding type, on Jakarta Mail through
 * Spring's {@link JavaMailSenderImpl} ({@code org.springframework:spring-context-support} and
 * {@code org.eclipse.angus:jakarta.mail}, as brought by
 * {@code spring-boot-starter-mail}).
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnClass({ JavaMailSenderImpl.class, MimeMessage.class })
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class SmtpBindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SmtpOutputBindingFactory smtpOutputBindingFactory() {
		return new SmtpOutputBindingFactory();
	}

}
