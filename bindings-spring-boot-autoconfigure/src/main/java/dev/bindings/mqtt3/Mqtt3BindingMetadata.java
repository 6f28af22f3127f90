package dev.bindings.mqtt3;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import dev.bindings.component.ComponentMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The metadata of a {@code bindings.mqtt3} component, validated with Dapr's rules and
 * messages.
 * <ul>
 * <li>{@code url} (required): {@code tcp://} or {@code mqtt://} for plain connections,
 * {@code ssl://}, {@code mqtts://}, {@code tcps://} or {@code tls://} for TLS,
 * {@code ws://} and {@code wss://} for WebSockets; user and password may be given in the
 * URL ({@code tcp://user:password@host:1883}).</li>
 * <li>{@code topic} (required) is the default topic of the output side and the topic
 * (filter) the input side subscribes to; {@code consumerID} (required) gives the client
 * IDs {@code <consumerID>-producer} (output) and {@code <consumerID>-consumer} (input),
 * as in Dapr.</li>
 * <li>{@code retain} (default false) and {@code cleanSession} (default false, as in
 * Dapr's code) are truthy booleans.</li>
 * <li>{@code caCert}, {@code clientCert} and {@code clientKey} are PEM content for TLS;
 * the client certificate and key go together.</li>
 * <li>{@code qos} is deprecated in Dapr and ignored: messages are published and
 * subscribed to with QoS 1. {@code backOffMaxRetries} and {@code backOffDuration} concern
 * the input side ({@link Mqtt3InputBindingFactory}).</li>
 * </ul>
 */
final class Mqtt3BindingMetadata {

	/** The schemes of {@code url}, and the Paho client's scheme of each. */
	private static final Map<String, String> SCHEMES = Map.of("tcp", "tcp", "mqtt", "tcp", "ssl", "ssl", "mqtts", "ssl",
			"tcps", "ssl", "tls", "ssl", "ws", "ws", "wss", "wss");

	private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

	private final String brokerUri;

	private final @Nullable String username;

	private final @Nullable String password;

	private final String topic;

	private final String consumerId;

	private final boolean retain;

	private final boolean cleanSession;

	private final @Nullable SSLSocketFactory socketFactory;

	private Mqtt3BindingMetadata(String brokerUri, @Nullable String username, @Nullable String password, String topic,
			String consumerId, boolean retain, boolean cleanSession, @Nullable SSLSocketFactory socketFactory) {
		this.brokerUri = brokerUri;
		this.username = username;
		this.password = password;
		this.topic = topic;
		this.consumerId = consumerId;
		this.retain = retain;
		this.cleanSession = cleanSession;
		this.socketFactory = socketFactory;
	}

	/**
	 * Validate a component's metadata.
	 * @param metadata the component metadata
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid; the message names the
	 * key and never contains the URL (which may hold a password) or a key
	 */
	static Mqtt3BindingMetadata parse(Map<String, String> metadata) {
		ComponentMetadata md = ComponentMetadata.of(metadata);
		String url = md.require("url", "missing url");
		String topic = md.require("topic", "missing topic");
		String consumerId = md.require("consumerID", "missing consumerID");
		URI uri = ComponentMetadata.parseUri(url, SCHEMES.keySet(), "invalid url: not a URL",
				"invalid url: unsupported scheme (use tcp, mqtt, ssl, mqtts, tcps, tls, ws or wss)",
				"invalid url: missing host");
		String scheme = SCHEMES.get(uri.getScheme().toLowerCase(Locale.ROOT));
		String username = null;
		String password = null;
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo);
			password = (colon >= 0) ? decode(userInfo.substring(colon + 1)) : null;
			if (password != null && password.isEmpty()) {
				password = null;
			}
		}
		String host = uri.getHost();
		String brokerUri = scheme + "://" + host + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
		SSLSocketFactory socketFactory = null;
		String caCert = md.getNonEmpty("caCert");
		String clientCert = md.getNonEmpty("clientCert");
		String clientKey = md.getNonEmpty("clientKey");
		if (caCert != null) {
			checkPem(caCert, "CERTIFICATE", "invalid ca certificate");
		}
		if (clientCert != null) {
			checkPem(clientCert, "CERTIFICATE", "invalid client certificate");
		}
		if (clientKey != null) {
			checkPem(clientKey, "PRIVATE KEY", "invalid client certificate key");
		}
		if ((clientCert == null) != (clientKey == null)) {
			throw new IllegalArgumentException("clientCert and clientKey must be set together");
		}
		if (caCert != null || clientCert != null) {
			socketFactory = socketFactory(caCert, clientCert, clientKey);
		}
		return new Mqtt3BindingMetadata(brokerUri, username, password, topic, consumerId,
				md.getBoolean("retain", false), md.getBoolean("cleanSession", false), socketFactory);
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid url: invalid escape in user information");
		}
	}

	private static void checkPem(String pem, String label, String message) {
		Matcher begin = PEM_BEGIN.matcher(pem);
		if (!begin.find() || !begin.group(1).endsWith(label) || pem.indexOf("-----END ", begin.end()) < 0) {
			throw new IllegalArgumentException(message);
		}
	}

	private static SSLSocketFactory socketFactory(@Nullable String caCert, @Nullable String clientCert,
			@Nullable String clientKey) {
		PemSslStoreDetails keyStore = (clientCert != null) ? new PemSslStoreDetails(null, clientCert, clientKey) : null;
		PemSslStoreDetails trustStore = (caCert != null) ? PemSslStoreDetails.forCertificates(caCert) : null;
		try {
			SSLContext context = SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
			return context.getSocketFactory();
		}
		catch (RuntimeException ex) {
			// never attach the cause: its message could quote the key
			String reason = ex.getMessage();
			throw new IllegalArgumentException("invalid TLS settings in caCert, clientCert or clientKey: "
					+ ((reason != null && !reason.contains("-----")) ? reason : ex.getClass().getSimpleName()));
		}
	}

	/**
	 * The broker URI for the Paho client, {@code scheme://host[:port]}, without user
	 * information.
	 * @return the URI
	 */
	String brokerUri() {
		return this.brokerUri;
	}

	@Nullable String username() {
		return this.username;
	}

	@Nullable String password() {
		return this.password;
	}

	/**
	 * The component's topic.
	 * @return the topic
	 */
	String topic() {
		return this.topic;
	}

	/**
	 * The MQTT client ID of the output side, {@code <consumerID>-producer}.
	 * @return the client ID
	 */
	String clientId() {
		return this.consumerId + "-producer";
	}

	/**
	 * The MQTT client ID of the input side, {@code <consumerID>-consumer}.
	 * @return the client ID
	 */
	String subscriberClientId() {
		return this.consumerId + "-consumer";
	}

	/**
	 * Whether messages are published with the retain flag.
	 * @return whether to retain
	 */
	boolean retain() {
		return this.retain;
	}

	/**
	 * Whether the client connects with a clean session.
	 * @return whether the session is clean
	 */
	boolean cleanSession() {
		return this.cleanSession;
	}

	@Nullable SSLSocketFactory socketFactory() {
		return this.socketFactory;
	}

}
