package dev.bindings.smtp;

import java.util.Map;

import dev.bindings.component.ComponentMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of a {@code bindings.smtp} component, validated with Dapr's rules and
 * messages: {@code host} (required), {@code port} (default 587), {@code user} and
 * {@code password} (both or neither), {@code skipTLSVerify}, and the message defaults
 * {@code emailFrom}, {@code emailTo}, {@code emailCC}, {@code emailBCC}, {@code subject}
 * and {@code priority} (1 to 5, default 3). Immutable: {@link #merge(Map)} gives the
 * settings of one request without changing the component's.
 * <p>
 * One key is this starter's, not Dapr's: {@code allowUnencryptedAuth} (default false)
 * lets the binding send {@code user} and {@code password} to a server other than
 * {@code localhost}, {@code 127.0.0.1} or {@code ::1} over a connection without TLS (see
 * {@link #requireStartTls()}).
 */
final class SmtpBindingMetadata {

	/**
	 * The port when {@code port} is not set (the default of Dapr's component metadata).
	 */
	static final int DEFAULT_PORT = 587;

	/** The priority when {@code priority} is not set. */
	static final int DEFAULT_PRIORITY = 3;

	private final String host;

	private final int port;

	private final @Nullable String user;

	private final @Nullable String password;

	private final boolean skipTlsVerify;

	private final boolean allowUnencryptedAuth;

	private final Message message;

	private SmtpBindingMetadata(String host, int port, @Nullable String user, @Nullable String password,
			boolean skipTlsVerify, boolean allowUnencryptedAuth, Message message) {
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
		this.skipTlsVerify = skipTlsVerify;
		this.allowUnencryptedAuth = allowUnencryptedAuth;
		this.message = message;
	}

	/**
	 * Validate a component's metadata.
	 * @param metadata the component metadata
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid; the message names the
	 * key and never contains the password
	 */
	static SmtpBindingMetadata parse(Map<String, String> metadata) {
		ComponentMetadata md = ComponentMetadata.of(metadata);
		String host = md.getNonEmpty("host");
		int port = md.getInt("port", DEFAULT_PORT, "smtp binding error: invalid value for 'port': not an integer");
		if (host == null || port == 0) {
			throw new IllegalArgumentException("smtp binding error: host and port fields are required in metadata");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("smtp binding error: invalid value for 'port': out of range");
		}
		String user = md.getNonEmpty("user");
		String password = md.getNonEmpty("password");
		if ((user == null) != (password == null)) {
			throw new IllegalArgumentException(
					"smtp binding error: both user and password fields are required in metadata");
		}
		Message message = new Message(orEmpty(md.get("emailFrom")), orEmpty(md.get("emailTo")),
				orEmpty(md.get("emailCC")), orEmpty(md.get("emailBCC")), orEmpty(md.get("subject")),
				priority(md.get("priority")));
		return new SmtpBindingMetadata(host, port, user, password, md.getBoolean("skipTLSVerify", false),
				md.getBoolean("allowUnencryptedAuth", false), message);
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * Parse a priority as Dapr does: empty is the default, otherwise an integer from 1 to
	 * 5.
	 */
	private static int priority(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return DEFAULT_PRIORITY;
		}
		int priority;
		try {
			priority = Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			String reason = value.matches("[+-]?\\d+") ? "value out of range" : "invalid syntax";
			throw new IllegalArgumentException("strconv.Atoi: parsing \"" + value + "\": " + reason);
		}
		if (priority < 1 || priority > 5) {
			throw new IllegalArgumentException(
					"smtp binding error:  priority value must be between 1 (highest) and 5 (lowest)");
		}
		return priority;
	}

	/**
	 * The message settings of one request: the component's, with each non-empty request
	 * metadata entry {@code emailFrom}, {@code emailTo}, {@code emailCC},
	 * {@code emailBCC}, {@code subject} and {@code priority} in its place. The
	 * component's settings are not changed (Dapr's component keeps them for later
	 * requests).
	 * @param requestMetadata the request metadata
	 * @return the settings of the request
	 * @throws IllegalArgumentException if the request's priority is invalid
	 */
	Message merge(Map<String, String> requestMetadata) {
		Message defaults = this.message;
		String priority = requestMetadata.get("priority");
		return new Message(override(requestMetadata, "emailFrom", defaults.from()),
				override(requestMetadata, "emailTo", defaults.to()),
				override(requestMetadata, "emailCC", defaults.cc()),
				override(requestMetadata, "emailBCC", defaults.bcc()),
				override(requestMetadata, "subject", defaults.subject()),
				(priority != null && !priority.isEmpty()) ? priority(priority) : defaults.priority());
	}

	private static String override(Map<String, String> requestMetadata, String key, String defaultValue) {
		String value = requestMetadata.get(key);
		return (value != null && !value.isEmpty()) ? value : defaultValue;
	}

	/**
	 * The SMTP server host.
	 * @return the host
	 */
	String host() {
		return this.host;
	}

	/**
	 * The SMTP server port.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	/**
	 * The user to authenticate as, if any.
	 * @return the user, or {@code null}
	 */
	@Nullable String user() {
		return this.user;
	}

	@Nullable String password() {
		return this.password;
	}

	/**
	 * Whether the server's certificate is not verified.
	 * @return whether TLS verification is skipped
	 */
	boolean skipTlsVerify() {
		return this.skipTlsVerify;
	}

	/**
	 * Whether the component allows sending credentials without TLS (this starter's
	 * {@code allowUnencryptedAuth}).
	 * @return whether credentials may go unencrypted
	 */
	boolean allowUnencryptedAuth() {
		return this.allowUnencryptedAuth;
	}

	/**
	 * Whether a connection must be upgraded with STARTTLS before anything else is sent:
	 * when the binding authenticates ({@code user} and {@code password} are set) on a
	 * port other than 465 (which is TLS from the start) to a host other than
	 * {@code localhost}, {@code 127.0.0.1} or {@code ::1}, unless
	 * {@code allowUnencryptedAuth} is set. Go's {@code smtp.PlainAuth}, which Dapr's
	 * binding uses, likewise refuses to send a password unencrypted except to those three
	 * names; without the requirement a man in the middle could strip the server's
	 * STARTTLS offer and read the password.
	 * @return whether STARTTLS is required
	 */
	boolean requireStartTls() {
		return this.user != null && this.port != 465 && !isLocalhost(this.host) && !this.allowUnencryptedAuth;
	}

	/**
	 * Go's {@code isLocalhost} of {@code net/smtp}: the three literal names only.
	 */
	static boolean isLocalhost(String host) {
		return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
	}

	/**
	 * The component's message defaults.
	 * @return the defaults
	 */
	Message message() {
		return this.message;
	}

	/**
	 * The settings of one message. Address lists are separated by {@code ;}.
	 *
	 * @param from the sender
	 * @param to the recipients
	 * @param cc the copy recipients
	 * @param bcc the blind copy recipients
	 * @param subject the subject
	 * @param priority the priority, 1 (highest) to 5 (lowest)
	 */
	record Message(String from, String to, String cc, String bcc, String subject, int priority) {

	}

}
