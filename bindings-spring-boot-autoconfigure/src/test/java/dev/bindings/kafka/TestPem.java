package dev.bindings.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The PEM files of the tests, in {@code src/test/resources/dev/bindings/kafka/tls}: a
 * test CA ({@code ca.crt}), a {@code localhost} server and a client certificate it
 * signed, each with its unencrypted PKCS#8 key, and a self-signed {@code localhost}
 * certificate nothing vouches for ({@code untrusted.*}). They were made once with
 * {@code openssl} and are valid for a hundred years.
 */
final class TestPem {

	private TestPem() {
	}

	static String pem(String name) {
		try (InputStream in = TestPem.class.getResourceAsStream("tls/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no test file tls/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
