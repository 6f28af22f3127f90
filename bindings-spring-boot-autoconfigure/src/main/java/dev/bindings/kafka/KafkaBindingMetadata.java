package dev.bindings.kafka;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.bindings.component.ComponentMetadata;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of a {@code bindings.kafka} component, validated with Dapr's rules and
 * messages and mapped to Kafka producer properties.
 * <p>
 * Differences from Dapr, on purpose: an absent {@code authType} means {@code none}
 * (Dapr's quickstart file has none), except in a component without {@code brokers}, which
 * uses the application's brokers and so keeps the application's security settings; broker
 * addresses are trimmed; {@code excludeHeaderMetaRegex} that does not compile is an error
 * instead of a crash; auth types that need cloud SDKs ({@code oidc},
 * {@code oidc_private_key_jwt}, {@code awsiam}) are refused with a clear error.
 */
final class KafkaBindingMetadata {

	private final List<String> brokers;

	private final String publishTopic;

	private final @Nullable Pattern excludeHeaderMetaRegex;

	private final Map<String, Object> producerProperties;

	private KafkaBindingMetadata(List<String> brokers, String publishTopic, @Nullable Pattern excludeHeaderMetaRegex,
			Map<String, Object> producerProperties) {
		this.brokers = brokers;
		this.publishTopic = publishTopic;
		this.excludeHeaderMetaRegex = excludeHeaderMetaRegex;
		this.producerProperties = producerProperties;
	}

	/**
	 * Validate a component's metadata.
	 * @param metadata the component metadata
	 * @param defaultBrokers brokers to use when the metadata has none (from Spring Boot's
	 * Kafka configuration, when the application configured them), or {@code null}
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid
	 */
	static KafkaBindingMetadata parse(Map<String, String> metadata, @Nullable List<String> defaultBrokers) {
		return parse(metadata, defaultBrokers, true);
	}

	/**
	 * Validate a component's metadata, for its output side (which needs a
	 * {@code publishTopic}) or its input side (which does not: {@link #publishTopic()} is
	 * then empty when the metadata has none).
	 * @param metadata the component metadata
	 * @param defaultBrokers brokers to use when the metadata has none, or {@code null}
	 * @param output whether {@code publishTopic} is required
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid
	 */
	static KafkaBindingMetadata parse(Map<String, String> metadata, @Nullable List<String> defaultBrokers,
			boolean output) {
		ComponentMetadata md;
		try {
			md = ComponentMetadata.of(metadata);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		Map<String, Object> props = new LinkedHashMap<>();
		List<String> brokers = brokers(md, defaultBrokers);
		boolean usesDefaultBrokers = md.getNonEmpty("brokers") == null;
		if (!usesDefaultBrokers) {
			props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", brokers));
		}
		String publishTopic = md.getNonEmpty("publishTopic");
		if (publishTopic == null) {
			if (output) {
				throw new IllegalArgumentException("kafka error: missing 'publishTopic' attribute");
			}
			publishTopic = "";
		}
		security(md, props, usesDefaultBrokers);
		clientSettings(md, props);
		Pattern exclude = null;
		String excludeRegex = md.getNonEmpty("excludeHeaderMetaRegex");
		if (excludeRegex != null) {
			try {
				exclude = Pattern.compile(excludeRegex);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						"kafka error: invalid 'excludeHeaderMetaRegex' attribute: " + ex.getDescription(), ex);
			}
		}
		return new KafkaBindingMetadata(brokers, publishTopic, exclude, props);
	}

	private static List<String> brokers(ComponentMetadata md, @Nullable List<String> defaultBrokers) {
		String value = md.getNonEmpty("brokers");
		if (value == null) {
			if (defaultBrokers != null && !defaultBrokers.isEmpty()) {
				return List.copyOf(defaultBrokers);
			}
			throw new IllegalArgumentException("kafka error: missing 'brokers' attribute");
		}
		List<String> brokers = new ArrayList<>();
		for (String broker : value.split(",")) {
			if (!broker.isBlank()) {
				brokers.add(broker.trim());
			}
		}
		if (brokers.isEmpty()) {
			throw new IllegalArgumentException("kafka error: missing 'brokers' attribute");
		}
		return brokers;
	}

	private static void security(ComponentMetadata md, Map<String, Object> props, boolean defaultBrokers) {
		String caCert = md.getNonEmpty("caCert");
		if (caCert != null) {
			// Dapr checks the CA certificate whatever the auth type
			checkCertificates(caCert, "kafka error: invalid ca certificate");
		}
		String authType = authType(md);
		if (authType == null) {
			// no authType: 'none', unless the component uses the application's brokers,
			// whose
			// security settings (Spring Boot's spring.kafka.*) then apply unchanged
			if (!defaultBrokers) {
				props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
			}
			return;
		}
		boolean tls = !md.getBoolean("disableTls", false) && !"none".equals(authType);
		String clientCert = md.getNonEmpty("clientCert");
		String clientKey = md.getNonEmpty("clientKey");
		boolean sasl = false;
		switch (authType.toLowerCase(Locale.ROOT)) {
			case "none" -> {
			}
			case "password" -> {
				String username = md.require("saslUsername",
						"kafka error: missing SASL Username for authType 'password'");
				String password = md.require("saslPassword",
						"kafka error: missing SASL Password for authType 'password'");
				String mechanism = (md.get("saslMechanism") != null) ? md.get("saslMechanism") : "";
				String loginModule = switch (mechanism) {
					case "SHA-256", "SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
					default -> "org.apache.kafka.common.security.plain.PlainLoginModule";
				};
				props.put(SaslConfigs.SASL_MECHANISM, switch (mechanism) {
					case "SHA-256" -> "SCRAM-SHA-256";
					case "SHA-512" -> "SCRAM-SHA-512";
					default -> "PLAIN";
				});
				props.put(SaslConfigs.SASL_JAAS_CONFIG, loginModule + " required username=\"" + jaasEscape(username)
						+ "\" password=\"" + jaasEscape(password) + "\";");
				sasl = true;
			}
			case "mtls" -> {
				// Dapr's order: the PEM checks of the metadata, then the TLS switch, then
				// the pair
				checkClientCertificate(clientCert, clientKey);
				if (!tls) {
					throw new IllegalArgumentException(
							"kafka: cannot configure mTLS authentication when TLSDisable is 'true'");
				}
				if (clientCert == null) {
					throw new IllegalArgumentException("kafka error: clientKey or clientCert is missing");
				}
			}
			case "certificate" -> {
				if (caCert == null) {
					throw new IllegalArgumentException(
							"missing CA certificate property 'caCert' for authType 'certificate'");
				}
			}
			case "oidc", "oidc_private_key_jwt", "awsiam" ->
				throw new IllegalArgumentException("kafka error: authType '" + authType
						+ "' is not supported by this starter; use none, password, mtls or certificate");
			default -> throw new IllegalArgumentException("kafka error: invalid value for 'authType' attribute");
		}
		if (!tls) {
			props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, sasl ? "SASL_PLAINTEXT" : "PLAINTEXT");
			return;
		}
		props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, sasl ? "SASL_SSL" : "SSL");
		if (caCert != null) {
			props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
			props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, caCert);
		}
		checkClientCertificate(clientCert, clientKey);
		if (clientCert != null && clientKey != null) {
			props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
			props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, clientCert);
			props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, clientKey);
		}
		if (md.getBoolean("skipVerify", false)) {
			// Go's InsecureSkipVerify: neither the certificate chain nor the host name is
			// checked
			props.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SkipVerifySslEngineFactory.class);
			props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
		}
	}

	private static void checkClientCertificate(@Nullable String clientCert, @Nullable String clientKey) {
		if (clientCert != null) {
			checkCertificates(clientCert, "kafka error: invalid client certificate");
		}
		if (clientKey != null) {
			checkPrivateKey(clientKey);
		}
		if ((clientCert == null) != (clientKey == null)) {
			throw new IllegalArgumentException("kafka error: clientKey or clientCert is missing");
		}
	}

	private static @Nullable String authType(ComponentMetadata md) {
		String authType = md.get("authType");
		if (authType != null && !authType.isEmpty()) {
			return authType;
		}
		String authRequired = md.getNonEmpty("authRequired");
		if (authRequired == null) {
			return null;
		}
		Boolean required = switch (authRequired) {
			case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
			case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
			default -> null;
		};
		if (required == null) {
			throw new IllegalArgumentException("kafka error: invalid value for 'authRequired' attribute");
		}
		if (!required) {
			return "none";
		}
		return (md.getNonEmpty("saslPassword") != null) ? "password" : "mtls";
	}

	private static void clientSettings(ComponentMetadata md, Map<String, Object> props) {
		String clientId = md.getNonEmpty("clientId");
		if (clientId != null) {
			props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
		}
		int maxMessageBytes = md.getInt("maxMessageBytes", 0, notAnInteger("maxMessageBytes"));
		if (maxMessageBytes > 0) {
			props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
		}
		String compression = md.getNonEmpty("compression");
		if (compression != null) {
			String type = compression.toLowerCase(Locale.ROOT);
			if (!List.of("none", "gzip", "snappy", "lz4", "zstd").contains(type)) {
				throw new IllegalArgumentException("kafka error: invalid compression: " + compression);
			}
			props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, type);
		}
		String acks = md.getNonEmpty("producerRequiredAcks");
		if (acks != null) {
			String value = switch (acks.toLowerCase(Locale.ROOT)) {
				case "all" -> "all";
				case "local" -> "1";
				case "none" -> "0";
				default ->
					throw new IllegalArgumentException("kafka error: invalid value for 'producerRequiredAcks': \""
							+ acks + "\" (must be \"all\", \"local\", or \"none\")");
			};
			props.put(ProducerConfig.ACKS_CONFIG, value);
		}
		Integer retryMax = md.getInt("producerRetryMax", notAnInteger("producerRetryMax"));
		if (retryMax != null) {
			if (retryMax < 0) {
				throw new IllegalArgumentException(
						"kafka error: invalid value for 'producerRetryMax': must be greater than or equal to 0");
			}
			props.put(ProducerConfig.RETRIES_CONFIG, retryMax);
		}
		// timeouts and intervals under a millisecond (zero, negative) keep the defaults:
		// Kafka
		// would otherwise time every request out at once (sarama refuses them)
		Long dial = millis(md, "dialTimeout");
		if (dial != null) {
			props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, dial);
			props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, dial);
		}
		Long read = millis(md, "readTimeout");
		Long write = millis(md, "writeTimeout");
		if (read != null || write != null) {
			long millis = Math.max((read != null) ? read : 0, (write != null) ? write : 0);
			props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(millis, Integer.MAX_VALUE));
		}
		Long metadataTimeout = millis(md, "metadataTimeout");
		if (metadataTimeout != null) {
			props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, metadataTimeout);
		}
		Long refresh = millis(md, "clientConnectionTopicMetadataRefreshInterval");
		if (refresh != null) {
			props.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, refresh);
		}
	}

	private static String notAnInteger(String key) {
		return "kafka error: invalid value for '" + key + "': not an integer";
	}

	private static @Nullable Long millis(ComponentMetadata md, String key) {
		Duration duration = md.getDuration(key, (reason) -> "kafka error: invalid value for '" + key + "': " + reason);
		return (duration != null && duration.toMillis() > 0) ? duration.toMillis() : null;
	}

	private static String jaasEscape(String value) {
		// a JAAS quoted string is read by java.io.StreamTokenizer: escape what ends it
		// early
		return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
	}

	private static void checkCertificates(String pem, String message) {
		try {
			Pem.certificates(pem);
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException(message, ex);
		}
	}

	private static void checkPrivateKey(String pem) {
		try {
			Pem.privateKey(pem);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(
					"kafka error: invalid client key (expected an unencrypted PKCS#8 PEM key, "
							+ "'-----BEGIN PRIVATE KEY-----')",
					ex);
		}
	}

	/**
	 * The broker addresses.
	 * @return the brokers
	 */
	List<String> brokers() {
		return this.brokers;
	}

	/**
	 * The topic every record of this component goes to.
	 * @return the topic
	 */
	String publishTopic() {
		return this.publishTopic;
	}

	/**
	 * Request-metadata keys matching this pattern (unanchored) are not sent as record
	 * headers.
	 * @return the pattern, or {@code null}
	 */
	@Nullable Pattern excludeHeaderMetaRegex() {
		return this.excludeHeaderMetaRegex;
	}

	/**
	 * The producer properties this metadata sets; they win over every default.
	 * @return the producer properties
	 */
	Map<String, Object> producerProperties() {
		return this.producerProperties;
	}

}
