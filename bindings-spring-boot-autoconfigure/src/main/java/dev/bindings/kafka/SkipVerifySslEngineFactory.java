package dev.bindings.kafka;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.auth.SslEngineFactory;
import org.jspecify.annotations.Nullable;

/**
 * The TLS engines of a component with {@code skipVerify: true}. Dapr then sets Go's
 * {@code InsecureSkipVerify}, which accepts any broker certificate for any host name;
 * Kafka's Java client has no such setting (turning off
 * {@code ssl.endpoint.identification.algorithm} only skips the host name check), so this
 * factory, named in the producer property {@code ssl.engine.factory.class}, trusts every
 * certificate. The PEM client certificate and key ({@code mtls}) still apply;
 * {@code caCert} is not needed.
 * <p>
 * Kafka creates and configures instances; this class is not meant for other use.
 */
public class SkipVerifySslEngineFactory implements SslEngineFactory {

	private static final char[] KEY_PASSWORD = "bindings".toCharArray();

	private @Nullable SSLContext sslContext;

	private @Nullable KeyStore keystore;

	private @Nullable List<String> enabledProtocols;

	private @Nullable List<String> cipherSuites;

	@Override
	public void configure(Map<String, ?> configs) {
		try {
			KeyManager[] keyManagers = null;
			String chain = secret(configs.get(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG));
			String key = secret(configs.get(SslConfigs.SSL_KEYSTORE_KEY_CONFIG));
			if (chain != null && key != null) {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setKeyEntry("client", Pem.privateKey(key), KEY_PASSWORD,
						Pem.certificates(chain).toArray(new Certificate[0]));
				KeyManagerFactory keyManagerFactory = KeyManagerFactory
					.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagerFactory.init(store, KEY_PASSWORD);
				keyManagers = keyManagerFactory.getKeyManagers();
				this.keystore = store;
			}
			Object protocol = configs.get(SslConfigs.SSL_PROTOCOL_CONFIG);
			SSLContext context = SSLContext
				.getInstance((protocol != null) ? protocol.toString() : SslConfigs.DEFAULT_SSL_PROTOCOL);
			context.init(keyManagers, new TrustManager[] { new TrustAllTrustManager() }, null);
			this.sslContext = context;
		}
		catch (GeneralSecurityException | IOException ex) {
			// the message of a key or certificate problem never holds the PEM text
			throw new KafkaException("cannot create the TLS context of a skipVerify component: " + ex.getMessage(), ex);
		}
		this.enabledProtocols = list(configs.get(SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG));
		this.cipherSuites = list(configs.get(SslConfigs.SSL_CIPHER_SUITES_CONFIG));
	}

	private static @Nullable String secret(@Nullable Object value) {
		if (value instanceof Password password) {
			return password.value();
		}
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable List<String> list(@Nullable Object value) {
		if (value instanceof Collection<?> collection && !collection.isEmpty()) {
			return collection.stream().map(Object::toString).toList();
		}
		if (value instanceof String text && !text.isBlank()) {
			return List.of(text.split("\\s*,\\s*"));
		}
		return null;
	}

	@Override
	public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
		if (this.sslContext == null) {
			throw new IllegalStateException("not configured");
		}
		SSLEngine engine = this.sslContext.createSSLEngine(peerHost, peerPort);
		engine.setUseClientMode(true);
		if (this.enabledProtocols != null) {
			engine.setEnabledProtocols(this.enabledProtocols.toArray(new String[0]));
		}
		if (this.cipherSuites != null) {
			engine.setEnabledCipherSuites(this.cipherSuites.toArray(new String[0]));
		}
		// no endpoint identification: the host name is not checked either
		return engine;
	}

	@Override
	public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
		throw new UnsupportedOperationException("skipVerify applies to clients only");
	}

	@Override
	public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
		return false;
	}

	@Override
	public Set<String> reconfigurableConfigs() {
		return Set.of();
	}

	@Override
	public @Nullable KeyStore keystore() {
		return this.keystore;
	}

	@Override
	public @Nullable KeyStore truststore() {
		return null;
	}

	@Override
	public void close() {
	}

	/**
	 * Accepts every certificate, as Go's {@code InsecureSkipVerify} does.
	 */
	private static final class TrustAllTrustManager extends X509ExtendedTrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
