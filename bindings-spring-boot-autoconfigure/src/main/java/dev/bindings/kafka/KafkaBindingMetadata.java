package dev.bindings.kafka;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * Differences from Dapr, on purpose: an absent {@code authType} means {@code none} (Dapr's
 * quickstart file has none); broker addresses are trimmed; {@code excludeHeaderMetaRegex}
 * that does not compile is an error instead of a crash; auth types that need cloud SDKs
 * ({@code oidc}, {@code oidc_private_key_jwt}, {@code awsiam}) are refused with a clear error.
 */
public final class KafkaBindingMetadata {

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
	 * @param defaultBrokers brokers to use when the metadata has none (from Spring Boot's Kafka
	 * configuration, when the application configured them), or {@code null}
	 * @return the validated metadata
	 * @throws KafkaMetadataException if the metadata is invalid
	 */
	public static KafkaBindingMetadata parse(Map<String, String> metadata, @Nullable List<String> defaultBrokers) {
		ComponentMetadata md;
		try {
			md = ComponentMetadata.of(metadata);
		}
		catch (IllegalArgumentException ex) {
			throw new KafkaMetadataException(ex.getMessage(), ex);
		}
		Map<String, Object> props = new LinkedHashMap<>();
		List<String> brokers = brokers(md, defaultBrokers);
		if (md.getNonEmpty("brokers") != null) {
			props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", brokers));
		}
		String publishTopic = (md.get("publishTopic") != null) ? md.get("publishTopic") : "";
		if (publishTopic.isEmpty()) {
			throw new KafkaMetadataException("kafka error: missing 'publishTopic' attribute");
		}
		security(md, props);
		clientSettings(md, props);
		Pattern exclude = null;
		String excludeRegex = md.getNonEmpty("excludeHeaderMetaRegex");
		if (excludeRegex != null) {
			try {
				exclude = Pattern.compile(excludeRegex);
			}
			catch (PatternSyntaxException ex) {
				throw new KafkaMetadataException(
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
			throw new KafkaMetadataException("kafka error: missing 'brokers' attribute");
		}
		List<String> brokers = new ArrayList<>();
		for (String broker : value.split(",")) {
			if (!broker.isBlank()) {
				brokers.add(broker.trim());
			}
		}
		if (brokers.isEmpty()) {
			throw new KafkaMetadataException("kafka error: missing 'brokers' attribute");
		}
		return brokers;
	}

	private static void security(ComponentMetadata md, Map<String, Object> props) {
		String authType = authType(md);
		boolean tls = !md.getBoolean("disableTls", false) && !"none".equals(authType);
		String caCert = md.getNonEmpty("caCert");
		String clientCert = md.getNonEmpty("clientCert");
		String clientKey = md.getNonEmpty("clientKey");
		boolean sasl = false;
		switch (authType.toLowerCase(Locale.ROOT)) {
			case "none" -> {
			}
			case "password" -> {
				String username = md.getNonEmpty("saslUsername");
				if (username == null) {
					throw new KafkaMetadataException("kafka error: missing SASL Username for authType 'password'");
				}
				String password = md.getNonEmpty("saslPassword");
				if (password == null) {
					throw new KafkaMetadataException("kafka error: missing SASL Password for authType 'password'");
				}
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
				if (!tls) {
					throw new KafkaMetadataException(
							"kafka: cannot configure mTLS authentication when TLSDisable is 'true'");
				}
				if (clientCert == null || clientKey == null) {
					throw new KafkaMetadataException("kafka error: clientKey or clientCert is missing");
				}
			}
			case "certificate" -> {
				if (caCert == null) {
					throw new KafkaMetadataException("kafka error: missing 'caCert' attribute for authType 'certificate'");
				}
			}
			case "oidc", "oidc_private_key_jwt", "awsiam" -> throw new KafkaMetadataException("kafka error: authType '"
					+ authType + "' is not supported by this starter; use none, password, mtls or certificate");
			default -> throw new KafkaMetadataException("kafka error: invalid value for 'authType' attribute");
		}
		if (!tls) {
			props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, sasl ? "SASL_PLAINTEXT" : "PLAINTEXT");
			return;
		}
		props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, sasl ? "SASL_SSL" : "SSL");
		if (caCert != null) {
			checkCertificates(caCert, "kafka error: invalid ca certificate");
			props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
			props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, caCert);
		}
		if ((clientCert == null) != (clientKey == null)) {
			throw new KafkaMetadataException("kafka error: clientKey or clientCert is missing");
		}
		if (clientCert != null && clientKey != null) {
			checkCertificates(clientCert, "kafka error: invalid client certificate");
			checkPrivateKey(clientKey);
			props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
			props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, clientCert);
			props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, clientKey);
		}
		if (md.getBoolean("skipVerify", false)) {
			props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
		}
	}

	private static String authType(ComponentMetadata md) {
		String authType = md.get("authType");
		if (authType != null && !authType.isEmpty()) {
			return authType;
		}
		String authRequired = md.getNonEmpty("authRequired");
		if (authRequired == null) {
			return "none";
		}
		Boolean required = switch (authRequired) {
			case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
			case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
			default -> null;
		};
		if (required == null) {
			throw new KafkaMetadataException("kafka error: invalid value for 'authRequired' attribute");
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
		String maxMessageBytes = md.getNonEmpty("maxMessageBytes");
		if (maxMessageBytes != null) {
			int value = integer("maxMessageBytes", maxMessageBytes);
			if (value > 0) {
				props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, value);
			}
		}
		String compression = md.getNonEmpty("compression");
		if (compression != null) {
			String type = compression.toLowerCase(Locale.ROOT);
			if (!List.of("none", "gzip", "snappy", "lz4", "zstd").contains(type)) {
				throw new KafkaMetadataException("kafka error: invalid compression: " + compression);
			}
			props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, type);
		}
		String acks = md.getNonEmpty("producerRequiredAcks");
		if (acks != null) {
			String value = switch (acks.toLowerCase(Locale.ROOT)) {
				case "all" -> "all";
				case "local" -> "1";
				case "none" -> "0";
				default -> throw new KafkaMetadataException("kafka error: invalid value for 'producerRequiredAcks': \""
						+ acks + "\" (must be \"all\", \"local\", or \"none\")");
			};
			props.put(ProducerConfig.ACKS_CONFIG, value);
		}
		String retryMax = md.getNonEmpty("producerRetryMax");
		if (retryMax != null) {
			int value = integer("producerRetryMax", retryMax);
			if (value < 0) {
				throw new KafkaMetadataException(
						"kafka error: invalid value for 'producerRetryMax': must be greater than or equal to 0");
			}
			props.put(ProducerConfig.RETRIES_CONFIG, value);
		}
		Duration dial = duration(md, "dialTimeout");
		if (dial != null) {
			props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, dial.toMillis());
			props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, dial.toMillis());
		}
		Duration read = duration(md, "readTimeout");
		Duration write = duration(md, "writeTimeout");
		if (read != null || write != null) {
			long millis = Math.max((read != null) ? read.toMillis() : 0, (write != null) ? write.toMillis() : 0);
			props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(millis, Integer.MAX_VALUE));
		}
		Duration metadataTimeout = duration(md, "metadataTimeout");
		if (metadataTimeout != null && metadataTimeout.toMillis() > 0) {
			props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, metadataTimeout.toMillis());
		}
		Duration refresh = duration(md, "clientConnectionTopicMetadataRefreshInterval");
		if (refresh != null && refresh.toMillis() > 0) {
			props.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, refresh.toMillis());
		}
	}

	private static int integer(String key, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new KafkaMetadataException("kafka error: invalid value for '" + key + "': not an integer", ex);
		}
	}

	private static @Nullable Duration duration(ComponentMetadata md, String key) {
		try {
			return md.getDuration(key);
		}
		catch (IllegalArgumentException ex) {
			throw new KafkaMetadataException("kafka error: invalid value for '" + key + "': " + ex.getMessage(), ex);
		}
	}

	private static String jaasEscape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private static void checkCertificates(String pem, String message) {
		try {
			if (CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
				.isEmpty()) {
				throw new KafkaMetadataException(message);
			}
		}
		catch (CertificateException ex) {
			throw new KafkaMetadataException(message, ex);
		}
	}

	private static void checkPrivateKey(String pem) {
		String message = "kafka error: invalid client key (expected an unencrypted PKCS#8 PEM key, "
				+ "'-----BEGIN PRIVATE KEY-----')";
		int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (begin < 0 || end < begin) {
			throw new KafkaMetadataException(message);
		}
		String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			for (String algorithm : Arrays.asList("RSA", "EC", "Ed25519")) {
				try {
					KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
					return;
				}
				catch (Exception ex) {
					// try the next algorithm
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw new KafkaMetadataException(message, ex);
		}
		throw new KafkaMetadataException(message);
	}

	/**
	 * The broker addresses.
	 * @return the brokers
	 */
	public List<String> brokers() {
		return this.brokers;
	}

	/**
	 * The topic every record of this component goes to.
	 * @return the topic
	 */
	public String publishTopic() {
		return this.publishTopic;
	}

	/**
	 * Request-metadata keys matching this pattern (unanchored) are not sent as record headers.
	 * @return the pattern, or {@code null}
	 */
	public @Nullable Pattern excludeHeaderMetaRegex() {
		return this.excludeHeaderMetaRegex;
	}

	/**
	 * The producer properties this metadata sets; they win over every default.
	 * @return the producer properties
	 */
	public Map<String, Object> producerProperties() {
		return this.producerProperties;
	}

}
