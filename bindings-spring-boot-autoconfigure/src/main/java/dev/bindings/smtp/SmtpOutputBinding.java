package dev.bindings.smtp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import dev.bindings.support.BoundedExecutor;
import dev.bindings.support.Secrets;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * A {@code bindings.smtp} component: operation {@code create} sends one HTML mail and
 * completes when the server accepted it.
 * <ul>
 * <li>The body is the data: a JSON string (as the HTTP API passes {@code "data":"..."})
 * is unquoted, anything else is sent as it is. It is sent as {@code text/html} in
 * UTF-8.</li>
 * <li>Request metadata {@code emailFrom}, {@code emailTo}, {@code emailCC},
 * {@code emailBCC}, {@code subject} and {@code priority} override the component's
 * settings for that request only. Address lists are split on {@code ;}.</li>
 * <li>The priority goes into the {@code X-Priority} header.</li>
 * </ul>
 * Sending blocks, so it runs on a bounded executor owned by the binding, never on the
 * caller's thread.
 */
final class SmtpOutputBinding implements OutputBinding, AutoCloseable {

	/** How many mails are sent at once. */
	static final int THREADS = 4;

	/** How many mails may wait for a thread before requests are refused. */
	static final int MAXIMUM_QUEUED_MAILS = 1000;

	private static final List<String> OPERATIONS = List.of("create");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SmtpBindingMetadata metadata;

	private final JavaMailSenderImpl sender;

	private final BoundedExecutor executor;

	/**
	 * Create a binding.
	 * @param name the component name, for thread names
	 * @param metadata the component metadata
	 * @param sender the sender, configured for the component's server
	 */
	SmtpOutputBinding(String name, SmtpBindingMetadata metadata, JavaMailSenderImpl sender) {
		this.metadata = metadata;
		this.sender = sender;
		this.executor = new BoundedExecutor(name, THREADS, MAXIMUM_QUEUED_MAILS, Duration.ofSeconds(10));
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		MimeMessage message;
		try {
			message = compose(this.metadata.merge(request.metadata()), body(request.data()));
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture
				.failedFuture(new InvocationFailedException(String.valueOf(ex.getMessage()), ex.getCause()));
		}
		return this.executor.supply(() -> send(message), "smtp binding error: the binding is closed",
				"smtp binding error: too many mails waiting to be sent (at most " + MAXIMUM_QUEUED_MAILS + ")");
	}

	private MimeMessage compose(SmtpBindingMetadata.Message settings, String body) {
		if (settings.from().isEmpty()) {
			throw new IllegalArgumentException(
					"smtp binding error: emailFrom property not supplied in configuration- or request-metadata");
		}
		if (settings.to().isEmpty()) {
			throw new IllegalArgumentException(
					"smtp binding error: emailTo property not supplied in configuration- or request-metadata");
		}
		if (settings.subject().isEmpty()) {
			throw new IllegalArgumentException(
					"smtp binding error: subject property not supplied in configuration- or request-metadata");
		}
		try {
			MimeMessage message = this.sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
			helper.setFrom(address("emailFrom", settings.from()));
			helper.setTo(addresses("emailTo", settings.to()));
			if (!settings.cc().isEmpty()) {
				helper.setCc(addresses("emailCC", settings.cc()));
			}
			if (!settings.bcc().isEmpty()) {
				helper.setBcc(addresses("emailBCC", settings.bcc()));
			}
			helper.setSubject(settings.subject());
			helper.setText(body, true);
			message.setHeader("X-Priority", Integer.toString(settings.priority()));
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalArgumentException("smtp binding error: cannot compose the message: " + ex.getMessage(),
					ex);
		}
	}

	private static InternetAddress[] addresses(String key, String list) {
		List<InternetAddress> addresses = new ArrayList<>();
		for (String address : list.split(";")) {
			if (!address.isBlank()) {
				addresses.add(address(key, address));
			}
		}
		if (addresses.isEmpty()) {
			throw new IllegalArgumentException("smtp binding error: no address in " + key);
		}
		return addresses.toArray(new InternetAddress[0]);
	}

	private static InternetAddress address(String key, String address) {
		try {
			InternetAddress parsed = new InternetAddress(address.trim(), true);
			parsed.validate();
			return parsed;
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException("smtp binding error: invalid address in " + key + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * The body of the mail: the data unquoted when it is a JSON string, else as UTF-8
	 * text.
	 */
	static String body(byte @Nullable [] data) {
		if (data == null) {
			return "";
		}
		String text = new String(data, StandardCharsets.UTF_8);
		if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
			try {
				JsonNode node = JSON.readTree(text);
				if (node.isString()) {
					return node.stringValue();
				}
			}
			catch (JacksonException ex) {
				// not a JSON string: sent as it is
			}
		}
		return text;
	}

	private BindingResponse send(MimeMessage message) {
		try {
			this.sender.send(message);
			return BindingResponse.noContent();
		}
		catch (MailException ex) {
			Secrets secrets = Secrets.of(this.metadata.password());
			String reason = secrets.describe(ex);
			if (this.metadata.requireStartTls() && reason.contains("STARTTLS is required")) {
				reason = "the server " + this.metadata.host() + ":" + this.metadata.port()
						+ " does not offer STARTTLS, and the password is not sent over an unencrypted connection "
						+ "(set the component's allowUnencryptedAuth to allow it): " + reason;
			}
			throw new InvocationFailedException("error from smtp binding, sending email failed: " + reason,
					secrets.safeCause(ex));
		}
	}

	/**
	 * The component metadata.
	 * @return the metadata
	 */
	SmtpBindingMetadata getMetadata() {
		return this.metadata;
	}

	/**
	 * The mail sender of this binding.
	 * @return the sender
	 */
	JavaMailSenderImpl getSender() {
		return this.sender;
	}

	@Override
	public void close() {
		this.executor.close();
	}

}
