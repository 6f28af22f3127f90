package dev.bindings.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingRequest;
import dev.bindings.component.ComponentDefinition;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.bindings.kafka.TestPem.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the TLS auth types ({@code certificate}, {@code mtls}, and TLS with
 * {@code skipVerify}) against a real broker whose listener speaks TLS with a certificate
 * from a test CA for {@code localhost}. The broker checks the client certificates it is
 * offered; the topics of the mtls tests may be written only by the test client
 * certificate's principal, so a send that succeeds proves the certificate was presented.
 */
class KafkaTlsBindingTests {

	private static final String CA_CERT = pem("ca.crt");

	private static final String CLIENT_CERT = pem("client.crt");

	private static final String CLIENT_KEY = pem("client.key");

	private static final String UNTRUSTED_CERT = pem("untrusted.crt");

	private static final AtomicInteger topics = new AtomicInteger();

	private static KafkaClusterTestKit cluster;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeAll
	static void startBroker() throws Exception {
		TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true)
			.setNumBrokerNodes(1)
			.setNumControllerNodes(1)
			.build();
		String listener = nodes.brokerListenerName().value();
		String controller = nodes.controllerListenerName().value();
		cluster = new KafkaClusterTestKit.Builder(nodes)
			.setConfigProp("listener.security.protocol.map", listener + ":SSL," + controller + ":PLAINTEXT")
			.setConfigProp(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM")
			.setConfigProp(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, pem("server.crt"))
			.setConfigProp(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, pem("server.key"))
			.setConfigProp(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM")
			.setConfigProp(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, CA_CERT)
			.setConfigProp("ssl.client.auth", "requested")
			// only the client certificate's principal may write to the topics of the mtls
			// tests
			.setConfigProp("authorizer.class.name", StandardAuthorizer.class.getName())
			.setConfigProp("allow.everyone.if.no.acl.found", "true")
			.setConfigProp("offsets.topic.replication.factor", "1")
			.build();
		cluster.format();
		cluster.startup();
		cluster.waitForReadyBrokers();
	}

	@AfterAll
	static void stopBroker() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void certificateAuthenticationTrustsTheBrokerThroughTheCaCertificate() {
		String topic = topic();
		send(binding(topic, "authType", "certificate", "caCert", CA_CERT), "certificate");
		assertThat(readOne(topic).value()).isEqualTo(bytes("certificate"));
	}

	@Test
	void mtlsPresentsTheClientCertificate() {
		String topic = topicOnlyTheClientCertificateMayWriteTo();
		send(binding(topic, "authType", "mtls", "caCert", CA_CERT, "clientCert", CLIENT_CERT, "clientKey", CLIENT_KEY),
				"mtls");
		assertThat(readOne(topic).value()).isEqualTo(bytes("mtls"));
	}

	@Test
	void withoutClientCertificateTheBrokerSeesAnAnonymousClient() {
		KafkaOutputBinding binding = binding(topicOnlyTheClientCertificateMayWriteTo(), "authType", "certificate",
				"caCert", CA_CERT);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(
					() -> binding.invoke(new BindingRequest("create", bytes("{}"), Map.of())).get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void brokerCertificateFromAnotherCaIsRefused() {
		assertSendFails(binding(topic(), "authType", "certificate", "caCert", UNTRUSTED_CERT));
	}

	@Test
	void brokerCertificateThatTheJvmDoesNotTrustIsRefusedWithoutCaCertificate() {
		assertSendFails(binding(topic(), "authType", "None"));
	}

	@Test
	void skipVerifyAcceptsABrokerCertificateThatNothingVouchesFor() {
		String topic = topic();
		send(binding(topic, "authType", "None", "skipVerify", "true"), "skip-verify");
		assertThat(readOne(topic).value()).isEqualTo(bytes("skip-verify"));
	}

	@Test
	void skipVerifyIgnoresACaCertificateThatDoesNotMatch() {
		String topic = topic();
		send(binding(topic, "authType", "certificate", "caCert", UNTRUSTED_CERT, "skipVerify", "yes"), "ignored-ca");
		assertThat(readOne(topic).value()).isEqualTo(bytes("ignored-ca"));
	}

	@Test
	void skipVerifyStillPresentsTheMtlsClientCertificate() {
		String topic = topicOnlyTheClientCertificateMayWriteTo();
		send(binding(topic, "authType", "mtls", "skipVerify", "true", "clientCert", CLIENT_CERT, "clientKey",
				CLIENT_KEY), "skip-verify-mtls");
		assertThat(readOne(topic).value()).isEqualTo(bytes("skip-verify-mtls"));
	}

	// helpers

	private static String topic() {
		String name = "tls-" + topics.incrementAndGet();
		try (Admin admin = Admin.create(clientConfig())) {
			admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return name;
	}

	private static String topicOnlyTheClientCertificateMayWriteTo() {
		String topic = topic();
		ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
		try (Admin admin = Admin.create(clientConfig())) {
			admin.createAcls(List.of(
					new AclBinding(pattern,
							new AccessControlEntry("User:CN=client", "*", AclOperation.WRITE, AclPermissionType.ALLOW)),
					new AclBinding(pattern,
							new AccessControlEntry("User:ANONYMOUS", "*", AclOperation.READ, AclPermissionType.ALLOW))))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return topic;
	}

	private KafkaOutputBinding binding(String topic, String... keyValues) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("brokers", cluster.bootstrapServers());
		metadata.put("publishTopic", topic);
		metadata.put("metadataTimeout", "3s");
		for (int i = 0; i < keyValues.length; i += 2) {
			metadata.put(keyValues[i], keyValues[i + 1]);
		}
		KafkaOutputBindingFactory factory = new KafkaOutputBindingFactory(Map.of(), null, List.of());
		ComponentDefinition component = new ComponentDefinition("kafka-tls", "bindings.kafka", "v1", metadata,
				List.of(), false, null, "test");
		KafkaOutputBinding binding = (KafkaOutputBinding) factory.create(component);
		this.closeables.add(binding);
		return binding;
	}

	private static void send(KafkaOutputBinding binding, String data) {
		binding.invoke(new BindingRequest("create", bytes(data), Map.of())).join();
	}

	private static void assertSendFails(KafkaOutputBinding binding) {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(
					() -> binding.invoke(new BindingRequest("create", bytes("{}"), Map.of())).get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(SslAuthenticationException.class);
	}

	private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
		Map<String, Object> config = clientConfig();
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
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

	private static Map<String, Object> clientConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
		config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
		config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, CA_CERT);
		return config;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
