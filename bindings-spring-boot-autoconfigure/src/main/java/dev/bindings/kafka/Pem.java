package dev.bindings.kafka;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM texts of a component's metadata: X.509 certificates and unencrypted
 * PKCS#8 private keys, the forms Kafka's {@code PEM} key and trust stores accept.
 */
final class Pem {

	private static final String BEGIN_PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----";

	private static final String END_PRIVATE_KEY = "-----END PRIVATE KEY-----";

	private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "DSA");

	private Pem() {
	}

	/**
	 * The certificates of a PEM text.
	 * @param pem the text
	 * @return the certificates, in order
	 * @throws CertificateException if the text holds none, or an invalid one
	 */
	static List<X509Certificate> certificates(String pem) throws CertificateException {
		List<X509Certificate> certificates = new ArrayList<>();
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		for (var certificate : factory
			.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
			certificates.add((X509Certificate) certificate);
		}
		if (certificates.isEmpty()) {
			throw new CertificateException("no certificate");
		}
		return certificates;
	}

	/**
	 * The private key of a PEM text holding an unencrypted PKCS#8 key
	 * ({@code -----BEGIN PRIVATE KEY-----}).
	 * @param pem the text
	 * @return the key
	 * @throws GeneralSecurityException if the text holds no such key (the message never
	 * contains the text)
	 */
	static PrivateKey privateKey(String pem) throws GeneralSecurityException {
		int begin = pem.indexOf(BEGIN_PRIVATE_KEY);
		int end = pem.indexOf(END_PRIVATE_KEY);
		if (begin < 0 || end < begin) {
			throw new GeneralSecurityException("no PKCS#8 private key");
		}
		byte[] der;
		try {
			der = Base64.getDecoder()
				.decode(pem.substring(begin + BEGIN_PRIVATE_KEY.length(), end).replaceAll("\\s", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new GeneralSecurityException("the private key is not valid base64");
		}
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// try the next algorithm
			}
		}
		throw new GeneralSecurityException("the private key is not a PKCS#8 key of a known algorithm");
	}

}
