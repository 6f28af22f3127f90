package dev.bindings.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.login.Configuration;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.component.ComponentDefinition;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code authType: password} against a real broker whose listener requires SASL
 * (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512) over plaintext, started with Kafka's own test
 * kit.
 * <p>
 * The test kit gives the broker a JAAS file with the PLAIN users {@code plain-admin} and
 * {@code plain-user1}; SCRAM users are created through the Admin API.
 */
class KafkaSaslBindingTests {

	private static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

	private static final String SCRAM_BROKER_JAAS = SCRAM_LOGIN_MODULE + " required;";

	private static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

	private static final String SCRAM_256_USER = "scram-user";

	// characters that a JAAS option value must escape, and a newline
	private static final String SCRAM_256_PASSWORD = "pa\"ss\\wo;rd = 'x'\nend";

	private static final String SCRAM_512_USER = "scram512-user";

	private static final String SCRAM_512_PASSWORD = "another secret";

	private static final AtomicInteger topics = new AtomicInteger();

	private static KafkaClusterTestKit cluster;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeAll
	static void startBroker() throws Exception {
		TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true)
			.setNumBrokerNodes(1)
			.setNumControllerNodes(1)
			.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
			.build();
		String listener = nodes.brokerListenerName().value().toLowerCase(Locale.ROOT);
		cluster = new KafkaClusterTestKit.Builder(nodes)
			.setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512")
			// SCRAM needs a login module on the broker's side too
			.setConfigProp("listener.name." + listener + ".scram-sha-256.sasl.jaas.config", SCRAM_BROKER_JAAS)
			.setConfigProp("listener.name." + listener + ".scram-sha-512.sasl.jaas.config", SCRAM_BROKER_JAAS)
			// the test kit turns authorization on; the controller listener is plaintext
			// (ANONYMOUS), and the users of these tests may do anything
			.setConfigProp("super.users",
					"User:ANONYMOUS;User:" + JaasUtils.KAFKA_PLAIN_ADMIN + ";User:" + JaasUtils.KAFKA_PLAIN_USER1
							+ ";User:" + SCRAM_256_USER + ";User:" + SCRAM_512_USER)
			.setConfigProp("offsets.topic.replication.factor", "1")
			.setConfigProp("group.initial.rebalance.delay.ms", "0")
			.build();
		cluster.format();
		cluster.startup();
		cluster.waitForReadyBrokers();
		try (Admin admin = admin()) {
			admin
				.alterUserScramCredentials(List.of(
						new UserScramCredentialUpsertion(SCRAM_256_USER,
								new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), SCRAM_256_PASSWORD),
						new UserScramCredentialUpsertion(SCRAM_512_USER,
								new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), SCRAM_512_PASSWORD)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() throws Exception {
		try {
			if (cluster != null) {
				cluster.close();
			}
		}
		finally {
			// the test kit points the JVM at its JAAS file; do not leak it into other
			// tests
			System.clearProperty("java.security.auth.login.config");
			Configuration.setConfiguration(null);
		}
	}

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void plainCredentialsSendTheRecord() {
		String topic = topic();
		KafkaOutputBinding binding = binding(topic, JaasUtils.KAFKA_PLAIN_USER1, JaasUtils.KAFKA_PLAIN_USER1_PASSWORD,
				null);
		send(binding, "plain");
		ConsumerRecord<byte[], byte[]> record = readOne(topic, "PLAIN", JaasUtils.KAFKA_PLAIN_USER1,
				JaasUtils.KAFKA_PLAIN_USER1_PASSWORD);
		assertThat(record.value()).isEqualTo(bytes("plain"));
	}

	@Test
	void scramSha256CredentialsSendTheRecordEvenWithAPasswordThatNeedsEscaping() {
		String topic = topic();
		KafkaOutputBinding binding = binding(topic, SCRAM_256_USER, SCRAM_256_PASSWORD, "SHA-256");
		send(binding, "scram-256");
		ConsumerRecord<byte[], byte[]> record = readOne(topic, "SCRAM-SHA-256", SCRAM_256_USER, SCRAM_256_PASSWORD);
		assertThat(record.value()).isEqualTo(bytes("scram-256"));
	}

	@Test
	void scramSha512CredentialsSendTheRecord() {
		String topic = topic();
		KafkaOutputBinding binding = binding(topic, SCRAM_512_USER, SCRAM_512_PASSWORD, "SHA-512");
		send(binding, "scram-512");
		ConsumerRecord<byte[], byte[]> record = readOne(topic, "SCRAM-SHA-512", SCRAM_512_USER, SCRAM_512_PASSWORD);
		assertThat(record.value()).isEqualTo(bytes("scram-512"));
	}

	@Test
	void wrongPasswordFailsTheFutureWithAnAuthenticationError() {
		KafkaOutputBinding binding = binding(topic(), JaasUtils.KAFKA_PLAIN_USER1, "wrong-password", null);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> invoke(binding).get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(SaslAuthenticationException.class)
			.satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("Invalid username or password"));
	}

	@Test
	void wrongScramPasswordFailsTheFutureWithAnAuthenticationError() {
		KafkaOutputBinding binding = binding(topic(), SCRAM_256_USER, "wrong-password", "SHA-256");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> invoke(binding).get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(SaslAuthenticationException.class);
	}

	@Test
	void lowerCaseShaMechanismMeansPlainSoScramCredentialsAreRefused() {
		KafkaOutputBinding binding = binding(topic(), SCRAM_256_USER, SCRAM_256_PASSWORD, "sha-256");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> invoke(binding).get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(SaslAuthenticationException.class);
	}

	@Test
	void passwordAuthenticationUsesTlsUnlessDisabledSoAPlaintextListenerIsNotReached() {
		Map<String, String> metadata = metadata(topic(), JaasUtils.KAFKA_PLAIN_USER1,
				JaasUtils.KAFKA_PLAIN_USER1_PASSWORD, null);
		metadata.remove("disableTls");
		metadata.put("metadataTimeout", "2s");
		KafkaOutputBinding binding = create(metadata);
		assertThat(binding.getTemplate().getProducerFactory().getConfigurationProperties())
			.containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
		// the TLS handshake with a plaintext listener never completes: a failed send, not
		// a hang
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> invoke(binding).get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(KafkaException.class);
	}

	// helpers

	private static String topic() {
		String name = "sasl-" + topics.incrementAndGet();
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return name;
	}

	private static Map<String, String> metadata(String topic, String username, String password, String mechanism) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("brokers", cluster.bootstrapServers());
		metadata.put("publishTopic", topic);
		metadata.put("authType", "password");
		metadata.put("saslUsername", username);
		metadata.put("saslPassword", password);
		metadata.put("disableTls", "true");
		if (mechanism != null) {
			metadata.put("saslMechanism", mechanism);
		}
		return metadata;
	}

	private KafkaOutputBinding binding(String topic, String username, String password, String mechanism) {
		return create(metadata(topic, username, password, mechanism));
	}

	private KafkaOutputBinding create(Map<String, String> metadata) {
		KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(Map.of(), null, List.of());
		ComponentDefinition component = new ComponentDefinition("kafka-sasl", "bindings.kafka", "v1", metadata,
				List.of(), false, null, "test");
		KafkaOutputBinding binding = (KafkaOutputBinding) factory.create(component);
		this.closeables.add(binding);
		return binding;
	}

	private static CompletableFuture<BindingResponse> invoke(KafkaOutputBinding binding) {
		return binding.invoke(new BindingRequest("create", bytes("{}"), Map.of()));
	}

	private static void send(KafkaOutputBinding binding, String data) {
		binding.invoke(new BindingRequest("create", bytes(data), Map.of())).join();
	}

	private static ConsumerRecord<byte[], byte[]> readOne(String topic, String mechanism, String username,
			String password) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
		config.putAll(sasl(mechanism, username, password));
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (records.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			assertThat(records).hasSize(1);
			return records.get(0);
		}
	}

	private static Admin admin() {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
		config.putAll(sasl("PLAIN", JaasUtils.KAFKA_PLAIN_ADMIN, JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD));
		return Admin.create(config);
	}

	private static Map<String, Object> sasl(String mechanism, String username, String password) {
		String loginModule = mechanism.equals("PLAIN") ? PLAIN_LOGIN_MODULE : SCRAM_LOGIN_MODULE;
		String escapedPassword = password.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
		return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM,
				mechanism, SaslConfigs.SASL_JAAS_CONFIG,
				loginModule + " required username=\"" + username + "\" password=\"" + escapedPassword + "\";");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
