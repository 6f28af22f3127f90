package dev.bindings.smtp.autoconfigure;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.registry.UnavailableBindingType;
import dev.bindings.smtp.SmtpOutputBindingFactory;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Auto-configuration of the {@code bindings.smtp} binding type, on Jakarta Mail through
 * Spring's {@link JavaMailSenderImpl} ({@code org.springframework:spring-context-support}
 * and {@code org.eclipse.angus:jakarta.mail}, as brought by
 * {@code bindings-spring-boot-starter-smtp}).
 * <p>
 * Without Spring's mail support or Jakarta Mail, a {@code bindings.smtp} component fails
 * startup naming the starter to add,
 * {@code dev.bindings:bindings-spring-boot-starter-smtp}.
 */
@AutoConfiguration(before = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
public final class SmtpBindingsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JavaMailSenderImpl.class, MimeMessage.class })
	static class OutputBindingFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SmtpOutputBindingFactory smtpOutputBindingFactory() {
			return new SmtpOutputBindingFactory();
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
		UnavailableBindingType smtpUnavailableBindingType() {
			return new UnavailableBindingType("bindings.smtp", "dev.bindings:bindings-spring-boot-starter-smtp");
		}

	}

	/**
	 * Matches when any of the classes the binding factory needs is missing.
	 */
	static final class ClientLibraryMissingCondition extends NoneNestedConditions {

		ClientLibraryMissingCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(
				name = { "org.springframework.mail.javamail.JavaMailSenderImpl", "jakarta.mail.internet.MimeMessage" })
		static final class ClientLibraryPresent {

		}

	}

}
