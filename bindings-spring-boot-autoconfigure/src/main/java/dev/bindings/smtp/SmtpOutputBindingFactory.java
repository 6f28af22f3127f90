package dev.bindings.smtp;

import java.util.Properties;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Creates {@code bindings.smtp} bindings: one {@link JavaMailSenderImpl} per component,
 * which connects for each mail. As Dapr's Go mailer does, port 465 uses implicit TLS,
 * other ports upgrade with STARTTLS when the server offers it, the server's certificate
 * is verified (host name included) unless {@code skipTLSVerify} is set, and the client
 * authenticates when {@code user} and {@code password} are set.
 *
 * @see SmtpBindingMetadata
 * @see SmtpOutputBinding
 */
public class SmtpOutputBindingFactory implements OutputBindingFactory {

	/** Connect timeout in milliseconds (the Go mailer's dial timeout). */
	static final int CONNECTION_TIMEOUT = 10_000;

	/** Read and write timeout in milliseconds. */
	static final int TIMEOUT = 30_000;

	@Override
	public String type() {
		return "bindings.smtp";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		SmtpBindingMetadata metadata = SmtpBindingMetadata.parse(component.metadata());
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(metadata.host());
		sender.setPort(metadata.port());
		sender.setProtocol("smtp");
		sender.setDefaultEncoding("UTF-8");
		Properties properties = new Properties();
		if (metadata.user() != null) {
			sender.setUsername(metadata.user());
			sender.setPassword(metadata.password());
			properties.setProperty("mail.smtp.auth", "true");
		}
		if (metadata.port() == 465) {
			properties.setProperty("mail.smtp.ssl.enable", "true");
		}
		else {
			properties.setProperty("mail.smtp.starttls.enable", "true");
		}
		if (metadata.skipTlsVerify()) {
			properties.setProperty("mail.smtp.ssl.trust", "*");
			properties.setProperty("mail.smtp.ssl.checkserveridentity", "false");
		}
		else {
			properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
		}
		properties.setProperty("mail.smtp.connectiontimeout", Integer.toString(CONNECTION_TIMEOUT));
		properties.setProperty("mail.smtp.timeout", Integer.toString(TIMEOUT));
		properties.setProperty("mail.smtp.writetimeout", Integer.toString(TIMEOUT));
		sender.setJavaMailProperties(properties);
		return new SmtpOutputBinding(component.name(), metadata, sender);
	}

}
