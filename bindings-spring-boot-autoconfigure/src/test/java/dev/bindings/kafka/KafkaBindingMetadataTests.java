package dev.bindings.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.bindings.kafka.TestPem.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KafkaBindingMetadata}: Dapr's validation messages and the mapping of
 * the metadata to Kafka producer properties.
 */
class KafkaBindingMetadataTests {

	private static final String SECRET = "s3cr3t-Pa55word";

	private static final String CA_CERT = pem("ca.crt");

	private static final String CLIENT_CERT = pem("client.crt");

	private static final String CLIENT_KEY = pem("client.key");

	private static final String INVALID_CLIENT_KEY = "kafka error: invalid client key "
			+ "(expected an unencrypted PKCS#8 PEM key, '-----BEGIN PRIVATE KEY-----')";

	// validation

	@Test
	void missingBrokersIsAnError() {
		assertInvalid(without("brokers"), "kafka error: missing 'brokers' attribute");
	}

	@Test
	void emptyBrokersIsAnError() {
		assertInvalid(with("brokers", ""), "kafka error: missing 'brokers' attribute");
	}

	@Test
	void brokersOfOnlySeparatorsAndBlanksIsAnError() {
		assertInvalid(with("brokers", " , ,"), "kafka error: missing 'brokers' attribute");
	}

	@Test
	void missingPublishTopicIsAnError() {
		assertInvalid(without("publishTopic"), "kafka error: missing 'publishTopic' attribute");
	}

	@Test
	void unknownAuthTypeIsAnError() {
		assertInvalid(with("authType", "kerberos"), "kafka error: invalid value for 'authType' attribute");
	}

	@ParameterizedTest
	@ValueSource(strings = { "oidc", "oidc_private_key_jwt", "awsiam", "AWSIAM" })
	void authTypesThatNeedCloudSdksAreRefusedWithAClearMessage(String authType) {
		assertInvalid(with("authType", authType), "kafka error: authType '" + authType
				+ "' is not supported by this starter; use none, password, mtls or certificate");
	}

	@Test
	void invalidAuthRequiredIsAnError() {
		assertInvalid(with("authRequired", "yes", "authType", null),
				"kafka error: invalid value for 'authRequired' attribute");
	}

	@Test
	void authRequiredWithASaslPasswordMeansPasswordAuthentication() {
		Map<String, Object> props = props(
				with("authType", null, "authRequired", "true", "saslUsername", "user", "saslPassword", SECRET));
		assertThat(props).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
			.containsEntry(SaslConfigs.SASL_MECHANISM, "PLAIN");
	}

	@Test
	void authRequiredWithoutASaslPasswordMeansMtls() {
		assertInvalid(with("authType", null, "authRequired", "T"), "kafka error: clientKey or clientCert is missing");
	}

	@Test
	void authRequiredFalseMeansNoAuthentication() {
		assertThat(props(with("authType", null, "authRequired", "False")))
			.containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
	}

	@Test
	void authTypeWinsOverAuthRequired() {
		assertThat(props(with("authType", "none", "authRequired", "true", "saslPassword", SECRET)))
			.containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
			.doesNotContainKey(SaslConfigs.SASL_JAAS_CONFIG);
	}

	@Test
	void passwordAuthenticationWithoutUsernameIsAnError() {
		assertInvalid(with("authType", "password", "saslPassword", SECRET),
				"kafka error: missing SASL Username for authType 'password'");
	}

	@Test
	void passwordAuthenticationWithoutPasswordIsAnError() {
		assertInvalid(with("authType", "password", "saslUsername", "user"),
				"kafka error: missing SASL Password for authType 'password'");
	}

	@Test
	void passwordAuthenticationWithAnEmptyPasswordIsAnError() {
		assertInvalid(with("authType", "password", "saslUsername", "user", "saslPassword", ""),
				"kafka error: missing SASL Password for authType 'password'");
	}

	@Test
	void mtlsWithoutCertificateAndKeyIsAnError() {
		assertInvalid(with("authType", "mtls"), "kafka error: clientKey or clientCert is missing");
	}

	@Test
	void mtlsWithACertificateButNoKeyIsAnError() {
		assertInvalid(with("authType", "mtls", "clientCert", CLIENT_CERT),
				"kafka error: clientKey or clientCert is missing");
	}

	@Test
	void mtlsWithAKeyButNoCertificateIsAnError() {
		assertInvalid(with("authType", "mtls", "clientKey", CLIENT_KEY),
				"kafka error: clientKey or clientCert is missing");
	}

	@Test
	void mtlsWithTlsDisabledIsAnError() {
		assertInvalid(
				with("authType", "mtls", "clientCert", CLIENT_CERT, "clientKey", CLIENT_KEY, "disableTls", "true"),
				"kafka: cannot configure mTLS authentication when TLSDisable is 'true'");
	}

	@Test
	void mtlsWithHalfAPairAndTlsDisabledReportsTheMissingHalfFirstAsDaprDoes() {
		assertInvalid(with("authType", "mtls", "clientCert", CLIENT_CERT, "disableTls", "true"),
				"kafka error: clientKey or clientCert is missing");
	}

	@Test
	void invalidCaCertificateIsAnError() {
		assertInvalid(with("authType", "certificate", "caCert", "not a certificate"),
				"kafka error: invalid ca certificate");
	}

	@Test
	void invalidCaCertificateIsAnErrorEvenWithoutTls() {
		String notACertificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
		assertInvalid(with("authType", "none", "caCert", notACertificate), "kafka error: invalid ca certificate");
	}

	@Test
	void certificateAuthenticationWithoutCaCertificateIsAnError() {
		assertInvalid(with("authType", "certificate"),
				"missing CA certificate property 'caCert' for authType 'certificate'");
	}

	@Test
	void invalidClientCertificateIsAnError() {
		assertInvalid(with("authType", "mtls", "clientCert", "garbage", "clientKey", CLIENT_KEY),
				"kafka error: invalid client certificate");
	}

	@Test
	void invalidClientKeyIsAnError() {
		assertInvalid(with("authType", "mtls", "clientCert", CLIENT_CERT, "clientKey",
				"-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"), INVALID_CLIENT_KEY);
	}

	@Test
	void clientKeyInTraditionalRsaFormatIsRefusedBecauseKafkaReadsOnlyPkcs8() {
		String pkcs1 = CLIENT_KEY.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
			.replace("END PRIVATE KEY", "END RSA PRIVATE KEY");
		assertInvalid(with("authType", "mtls", "clientCert", CLIENT_CERT, "clientKey", pkcs1), INVALID_CLIENT_KEY);
	}

	@Test
	void invalidCompressionIsAnError() {
		assertInvalid(with("compression", "brotli"), "kafka error: invalid compression: brotli");
	}

	@Test
	void invalidProducerRequiredAcksIsAnError() {
		assertInvalid(with("producerRequiredAcks", "x"), "kafka error: invalid value for 'producerRequiredAcks': \"x\" "
				+ "(must be \"all\", \"local\", or \"none\")");
	}

	@Test
	void negativeProducerRetryMaxIsAnError() {
		assertInvalid(with("producerRetryMax", "-1"),
				"kafka error: invalid value for 'producerRetryMax': must be greater than or equal to 0");
	}

	@Test
	void producerRetryMaxThatIsNotANumberIsAnError() {
		assertInvalid(with("producerRetryMax", "many"),
				"kafka error: invalid value for 'producerRetryMax': not an integer");
	}

	@Test
	void maxMessageBytesThatIsNotANumberIsAnError() {
		assertInvalid(with("maxMessageBytes", "1MB"),
				"kafka error: invalid value for 'maxMessageBytes': not an integer");
	}

	@Test
	void keysThatDifferOnlyInCaseAreAnError() {
		Map<String, String> metadata = base();
		metadata.put("Brokers", "other:9092");
		assertInvalid(metadata, "key brokers is duplicate in the metadata");
	}

	@Test
	void duplicateKeysAreAnErrorEvenForKeysTheComponentDoesNotUse() {
		assertInvalid(with("foo", "1", "FOO", "2"), "key foo is duplicate in the metadata");
	}

	@Test
	void excludeHeaderMetaRegexThatDoesNotCompileIsAnError() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> KafkaBindingMetadata.parse(with("excludeHeaderMetaRegex", "(unclosed"), null))
			.withMessageStartingWith("kafka error: invalid 'excludeHeaderMetaRegex' attribute: ");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			dialTimeout     | 10 seconds | time: unknown unit " seconds" in duration "10 seconds"
			readTimeout     | 1.5        | time: missing unit in duration "1.5"
			writeTimeout    | 1.2.3s     | time: missing unit in duration "1.2.3s"
			metadataTimeout | 3000000h   | time: invalid duration "3000000h"
			dialTimeout     | ١٠s        | time: invalid duration "١٠s"
			readTimeout     | 99999999999999999999 | time: invalid duration "99999999999999999999"
			""")
	void invalidDurationIsAnErrorWithGosMessage(String key, String value, String message) {
		assertInvalid(with(key, value), "kafka error: invalid value for '" + key + "': " + message);
	}

	@Test
	void noValidationMessageContainsTheSaslPassword() {
		List<Map<String, String>> invalid = new ArrayList<>();
		invalid.add(with("authType", "password", "saslPassword", SECRET));
		invalid.add(with("authType", "kerberos", "saslUsername", "user", "saslPassword", SECRET));
		invalid
			.add(with("authType", "password", "saslUsername", "user", "saslPassword", SECRET, "SASLPASSWORD", SECRET));
		invalid.add(with("authType", "password", "saslUsername", "user", "saslPassword", SECRET, "dialTimeout", "x"));
		invalid.add(with("authType", "password", "saslUsername", "user", "saslPassword", SECRET, "caCert", SECRET));
		for (Map<String, String> metadata : invalid) {
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> KafkaBindingMetadata.parse(metadata, null))
				.satisfies((ex) -> assertThat(messages(ex)).noneMatch((message) -> message.contains(SECRET)));
		}
	}

	@Test
	void noValidationMessageContainsTheClientKey() {
		int middle = CLIENT_KEY.length() / 2;
		String brokenKey = CLIENT_KEY.substring(0, middle) + "!!!" + CLIENT_KEY.substring(middle);
		String keyBody = CLIENT_KEY.lines().skip(1).findFirst().orElseThrow();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> KafkaBindingMetadata
				.parse(with("authType", "mtls", "clientCert", CLIENT_CERT, "clientKey", brokenKey), null))
			.satisfies((ex) -> assertThat(messages(ex)).noneMatch((message) -> message.contains(keyBody)));
	}

	// mapping to producer properties

	@Test
	void authTypeNoneMeansPlaintext() {
		assertThat(props(with("authType", "none"))).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
				"PLAINTEXT");
	}

	@Test
	void authTypeNoneIsComparedWithExactCaseForTlsSoNoneKeepsTlsOn() {
		assertThat(props(with("authType", "None"))).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
	}

	@Test
	void absentAuthTypeMeansPlaintextForAComponentWithItsOwnBrokers() {
		assertThat(props(with("authType", null))).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
				"PLAINTEXT");
	}

	@Test
	void absentAuthTypeKeepsTheApplicationsSecuritySettingsForAComponentThatUsesTheApplicationsBrokers() {
		KafkaBindingMetadata metadata = KafkaBindingMetadata.parse(without("brokers", "authType"),
				List.of("app-broker:9093"));
		assertThat(metadata.producerProperties()).doesNotContainKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
	}

	@Test
	void explicitAuthTypeNoneMeansPlaintextEvenWithTheApplicationsBrokers() {
		KafkaBindingMetadata metadata = KafkaBindingMetadata.parse(without("brokers"), List.of("app-broker:9093"));
		assertThat(metadata.producerProperties()).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
				"PLAINTEXT");
	}

	@Test
	void passwordWithTlsDisabledMeansSaslPlaintext() {
		assertThat(props(password("disableTls", "true"))).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
				"SASL_PLAINTEXT");
	}

	@Test
	void passwordMeansSaslOverTlsByDefault() {
		assertThat(props(password())).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "TRUE", "t", "1", "yes", "Y", "on", " on " })
	void disableTlsAcceptsDaprsTruthyValues(String value) {
		assertThat(props(password("disableTls", value))).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
				"SASL_PLAINTEXT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "false", "no", "0", "off", "disabled", "" })
	void disableTlsWithAnyOtherValueKeepsTlsOn(String value) {
		assertThat(props(password("disableTls", value))).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
				"SASL_SSL");
	}

	@Test
	void mtlsMeansTlsWithThePemClientCertificateAndKey() {
		assertThat(props(with("authType", "mtls", "clientCert", CLIENT_CERT, "clientKey", CLIENT_KEY)))
			.containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL")
			.containsEntry(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM")
			.containsEntry(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, CLIENT_CERT)
			.containsEntry(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, CLIENT_KEY)
			.doesNotContainKey(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG);
	}

	@Test
	void certificateMeansTlsWithThePemCaCertificateAsTrustStore() {
		assertThat(props(with("authType", "certificate", "caCert", CA_CERT)))
			.containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL")
			.containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM")
			.containsEntry(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, CA_CERT)
			.doesNotContainKey(SslConfigs.SSL_KEYSTORE_KEY_CONFIG);
	}

	@Test
	void skipVerifyTurnsCertificateAndHostnameVerificationOff() {
		assertThat(props(with("authType", "certificate", "caCert", CA_CERT, "skipVerify", "true")))
			.containsEntry(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SkipVerifySslEngineFactory.class)
			.containsEntry(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
	}

	@Test
	void skipVerifyDoesNothingWithoutTls() {
		assertThat(props(with("authType", "none", "skipVerify", "true")))
			.doesNotContainKey(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG);
	}

	@Test
	void skipVerifyThatIsNotTruthyKeepsVerification() {
		assertThat(props(with("authType", "certificate", "caCert", CA_CERT, "skipVerify", "false")))
			.doesNotContainKey(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG)
			.doesNotContainKey(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG);
	}

	@Test
	void passwordWithoutMechanismUsesSaslPlain() {
		Map<String, Object> props = props(password());
		assertThat(props).containsEntry(SaslConfigs.SASL_MECHANISM, "PLAIN");
		assertThat(jaasModule(props).getLoginModuleName())
			.isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule");
	}

	@ParameterizedTest
	@CsvSource({ "SHA-256, SCRAM-SHA-256", "SHA-512, SCRAM-SHA-512" })
	void exactCaseShaMechanismSelectsScram(String saslMechanism, String kafkaMechanism) {
		Map<String, Object> props = props(password("saslMechanism", saslMechanism));
		assertThat(props).containsEntry(SaslConfigs.SASL_MECHANISM, kafkaMechanism);
		assertThat(jaasModule(props).getLoginModuleName())
			.isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sha-512", "Sha-256", "SCRAM-SHA-256", "PLAINTEXT", "PLAIN", "GSSAPI", "" })
	void anyOtherMechanismSelectsSaslPlain(String saslMechanism) {
		Map<String, Object> props = props(password("saslMechanism", saslMechanism));
		assertThat(props).containsEntry(SaslConfigs.SASL_MECHANISM, "PLAIN");
		assertThat(jaasModule(props).getLoginModuleName())
			.isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule");
	}

	@Test
	void saslCredentialsReachTheLoginModuleUnchangedWhateverCharactersTheyHold() {
		String username = "us\"er\\name";
		String passwordValue = "pa\"ss\\wo;rd\nwith \r breaks 'and' = signs";
		AppConfigurationEntry module = jaasModule(
				props(with("authType", "password", "saslUsername", username, "saslPassword", passwordValue)));
		assertThat(module.getOptions().get("username")).isEqualTo(username);
		assertThat(module.getOptions().get("password")).isEqualTo(passwordValue);
	}

	@ParameterizedTest
	@CsvSource({ "all, all", "local, 1", "none, 0", "ALL, all", "Local, 1" })
	void producerRequiredAcksMapsToKafkaAcks(String value, String acks) {
		assertThat(props(with("producerRequiredAcks", value))).containsEntry(ProducerConfig.ACKS_CONFIG, acks);
	}

	@Test
	void producerRequiredAcksAbsentLeavesAcksToTheDefaults() {
		assertThat(props(base())).doesNotContainKey(ProducerConfig.ACKS_CONFIG);
	}

	@Test
	void producerRetryMaxMapsToRetries() {
		assertThat(props(with("producerRetryMax", "0"))).containsEntry(ProducerConfig.RETRIES_CONFIG, 0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "gzip", "snappy", "lz4", "zstd" })
	void compressionMapsToCompressionType(String compression) {
		assertThat(props(with("compression", compression))).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG,
				compression);
	}

	@Test
	void maxMessageBytesMapsToMaxRequestSize() {
		assertThat(props(with("maxMessageBytes", "2048"))).containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2048);
	}

	@Test
	void maxMessageBytesOfZeroKeepsTheDefault() {
		assertThat(props(with("maxMessageBytes", "0"))).doesNotContainKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
	}

	@Test
	void dialTimeoutMapsToTheSocketConnectionSetupTimeouts() {
		assertThat(props(with("dialTimeout", "1m30s")))
			.containsEntry(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 90_000L)
			.containsEntry(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 90_000L);
	}

	@Test
	void readAndWriteTimeoutsMapToTheLongerRequestTimeout() {
		assertThat(props(with("readTimeout", "1.5s", "writeTimeout", "1500ms")))
			.containsEntry(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 1500);
		assertThat(props(with("readTimeout", "10s", "writeTimeout", "45")))
			.containsEntry(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 45_000);
	}

	@Test
	void timeoutGivenAsABareIntegerIsInSeconds() {
		assertThat(props(with("readTimeout", "12"))).containsEntry(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
				12_000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "0s", "-5s", "-1", "500us" })
	void timeoutsUnderAMillisecondKeepTheDefaults(String value) {
		assertThat(props(with("dialTimeout", value, "readTimeout", value, "writeTimeout", value))).doesNotContainKeys(
				CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
				CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
				CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG);
	}

	@Test
	void aPositiveReadTimeoutWinsOverANegativeWriteTimeout() {
		assertThat(props(with("readTimeout", "3s", "writeTimeout", "-10s")))
			.containsEntry(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3000);
	}

	@Test
	void metadataTimeoutMapsToMaxBlock() {
		assertThat(props(with("metadataTimeout", "2500ms"))).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2500L);
	}

	@Test
	void metadataTimeoutOfZeroKeepsTheDefault() {
		assertThat(props(with("metadataTimeout", "0"))).doesNotContainKey(ProducerConfig.MAX_BLOCK_MS_CONFIG);
	}

	@Test
	void topicMetadataRefreshIntervalMapsToMetadataMaxAge() {
		assertThat(props(with("clientConnectionTopicMetadataRefreshInterval", "2h45m")))
			.containsEntry(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, 9_900_000L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "clientId", "clientID", "CLIENTID" })
	void clientIdMapsToClientIdWhateverTheKeysCase(String key) {
		assertThat(props(with(key, "orders-app"))).containsEntry(CommonClientConfigs.CLIENT_ID_CONFIG, "orders-app");
	}

	@Test
	void keysMatchCaseInsensitively() {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("BROKERS", "localhost:9092");
		metadata.put("publishtopic", "orders");
		metadata.put("AuthType", "none");
		KafkaBindingMetadata parsed = KafkaBindingMetadata.parse(metadata, null);
		assertThat(parsed.brokers()).containsExactly("localhost:9092");
		assertThat(parsed.publishTopic()).isEqualTo("orders");
	}

	@Test
	void brokersAreSplitOnCommasAndTrimmed() {
		KafkaBindingMetadata metadata = KafkaBindingMetadata.parse(with("brokers", " a:9092 ,b:9093,, c:9094 "), null);
		assertThat(metadata.brokers()).containsExactly("a:9092", "b:9093", "c:9094");
		assertThat(metadata.producerProperties()).containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				"a:9092,b:9093,c:9094");
	}

	@Test
	void defaultBrokersAreUsedWhenBrokersIsAbsent() {
		KafkaBindingMetadata metadata = KafkaBindingMetadata.parse(without("brokers"), List.of("app:9092"));
		assertThat(metadata.brokers()).containsExactly("app:9092");
	}

	@Test
	void defaultBrokersAreNotUsedWhenBrokersIsSet() {
		KafkaBindingMetadata metadata = KafkaBindingMetadata.parse(with("brokers", "own:9092"), List.of("app:9092"));
		assertThat(metadata.brokers()).containsExactly("own:9092");
	}

	@Test
	void emptyDefaultBrokersDoNotCount() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> KafkaBindingMetadata.parse(without("brokers"), List.of()))
			.withMessage("kafka error: missing 'brokers' attribute");
	}

	@Test
	void excludeHeaderMetaRegexIsKept() {
		KafkaBindingMetadata metadata = KafkaBindingMetadata.parse(with("excludeHeaderMetaRegex", "^trace"), null);
		assertThat(metadata.excludeHeaderMetaRegex()).isNotNull();
		assertThat(metadata.excludeHeaderMetaRegex().pattern()).isEqualTo("^trace");
	}

	@Test
	void publishTopicIsKept() {
		assertThat(KafkaBindingMetadata.parse(base(), null).publishTopic()).isEqualTo("orders");
	}

	// helpers

	private static Map<String, String> base() {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("brokers", "localhost:9092");
		metadata.put("publishTopic", "orders");
		metadata.put("authType", "none");
		return metadata;
	}

	/**
	 * The base metadata with entries set (or removed, for a {@code null} value).
	 */
	private static Map<String, String> with(String... keyValues) {
		Map<String, String> metadata = base();
		for (int i = 0; i < keyValues.length; i += 2) {
			if (keyValues[i + 1] == null) {
				metadata.remove(keyValues[i]);
			}
			else {
				metadata.put(keyValues[i], keyValues[i + 1]);
			}
		}
		return metadata;
	}

	private static Map<String, String> without(String... keys) {
		Map<String, String> metadata = base();
		for (String key : keys) {
			metadata.remove(key);
		}
		return metadata;
	}

	private static Map<String, String> password(String... keyValues) {
		Map<String, String> metadata = with("authType", "password", "saslUsername", "user", "saslPassword", SECRET);
		for (int i = 0; i < keyValues.length; i += 2) {
			metadata.put(keyValues[i], keyValues[i + 1]);
		}
		return metadata;
	}

	private static Map<String, Object> props(Map<String, String> metadata) {
		return KafkaBindingMetadata.parse(metadata, null).producerProperties();
	}

	private static void assertInvalid(Map<String, String> metadata, String message) {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> KafkaBindingMetadata.parse(metadata, null))
			.withMessage(message);
	}

	private static AppConfigurationEntry jaasModule(Map<String, Object> props) {
		String jaas = (String) props.get(SaslConfigs.SASL_JAAS_CONFIG);
		List<AppConfigurationEntry> entries = JaasContext
			.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)))
			.configurationEntries();
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

	private static List<String> messages(Throwable ex) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
			messages.add(cause.toString());
		}
		return messages;
	}

}
