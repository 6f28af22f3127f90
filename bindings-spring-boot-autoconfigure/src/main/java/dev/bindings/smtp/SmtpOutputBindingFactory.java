package dev.bindings.smtp;

import java.util.Properties;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Creates {@code bindings.smtp} bindings: one {@link JavaMailSenderImpl} per component,
 * which connects for each mail. As Dapr's Go mailer does, port 465 uses implicit TLS,
 * other ports upgrade with STARTTLS when the server offers it, the server's certificate
 * is verified (host name included) unless {@code skipTLSVerify} is set, and the client
 * authenticates when {@code user} and {@code password} are set.
 * <p>
 * A component that authenticates to a server other than {@code localhost},
 * {@code 127.0.0.1} or {@code ::1} on a port other than 465 requires STARTTLS: a server
 * that does not offer it fails the mail before the password is sent (Go's
 * {@code smtp.PlainAuth} refuses likewise), unless the component sets this starter's
 * {@code allowUnencryptedAuth}. {@code skipTLSVerify} and {@code allowUnencryptedAuth}
 * are logged as warnings when the component is created.
 *
 * @see SmtpBindingMetadata
 * @see SmtpOutputBinding
 */
public class SmtpOutputBindingFactory implements OutputBindingFactory {

	private static final Log logger = LogFactory.getLog(SmtpOutputBindingFactory.class);

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
			if (metadata.requireStartTls()) {
				properties.setProperty("mail.smtp.starttls.required", "true");
			}
			else if (metadata.user() != null && metadata.allowUnencryptedAuth()
					&& !SmtpBindingMetadata.isLocalhost(metadata.host())) {
				logger.warn("SMTP binding '" + component.name() + "': allowUnencryptedAuth is set, so the user's "
						+ "password is sent to " + metadata.host() + ":" + metadata.port()
						+ " without encryption when the server does not offer STARTTLS");
			}
		}
		if (metadata.skipTlsVerify()) {
			logger.warn("SMTP binding '" + component.name() + "': skipTLSVerify is set, so neither the certificate "
					+ "of " + metadata.host() + " nor its host name is verified; anyone on the network path can "
					+ "read and change the mail and the credentials");
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
