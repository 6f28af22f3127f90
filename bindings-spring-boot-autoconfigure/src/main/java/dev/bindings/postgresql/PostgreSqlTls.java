package dev.bindings.postgresql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.postgresql.ssl.BaseX509KeyManager;
import org.postgresql.util.PSQLException;

/**
 * The TLS settings of a pgx connection string ({@code sslmode}, {@code sslrootcert},
 * {@code sslcert}, {@code sslkey}, {@code sslpassword}, {@code sslnegotiation}) mapped to
 * the PostgreSQL JDBC driver's options with pgx's meaning:
 * <ul>
 * <li>{@code sslmode} is {@code prefer} when absent; {@code disable}, {@code allow},
 * {@code prefer} and {@code require} check no certificate, in both drivers;</li>
 * <li>{@code require} with a CA file checks the certificate as {@code verify-ca} does, as
 * libpq and pgx do (the JDBC driver's {@code require} would not);</li>
 * <li>{@code verify-ca} and {@code verify-full} check the certificate against the CA
 * file, or without one against the JVM's trust store (pgx: the system roots; the JDBC
 * driver's {@code ~/.postgresql/root.crt} default is not used), {@code verify-full} the
 * host name too;</li>
 * <li>as in pgx, {@code ~/.postgresql/root.crt} is the CA file when none is given, and
 * {@code ~/.postgresql/postgresql.crt} with {@code postgresql.key} the client certificate
 * when both exist; otherwise no client certificate is sent (the JDBC driver would look
 * for {@code postgresql.pk8});</li>
 * <li>a client certificate needs both {@code sslcert} and {@code sslkey}.</li>
 * </ul>
 * What the JDBC driver cannot do the same way is refused when the component starts, with
 * pgx's message where pgx has one: an unknown {@code sslmode}, an unreadable CA file, a
 * PEM key other than unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), a key file whose
 * permissions the driver refuses, a client certificate with {@code verify-ca} or
 * {@code verify-full} but no CA file.
 */
final class PostgreSqlTls {

	/** The settings this class reads; the caller passes no other TLS setting on. */
	static final Set<String> KEYS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword",
			"sslnegotiation");

	private static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
			"verify-full");

	private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");

	private static final String PREFIX = "failed to parse connection string: ";

	private PostgreSqlTls() {
	}

	/**
	 * The driver properties for a connection string's TLS settings.
	 * @param settings the connection string's settings, by libpq keyword
	 * @param home the user's home directory, for pgx's defaults in {@code ~/.postgresql}
	 * @return the driver properties
	 * @throws IllegalArgumentException if a setting is invalid or cannot be mapped; the
	 * message never contains a password
	 */
	static Map<String, String> driverProperties(Map<String, String> settings, Path home) {
		Map<String, String> properties = new LinkedHashMap<>();
		String mode = settings.getOrDefault("sslmode", "");
		if (mode.isEmpty()) {
			mode = "prefer";
		}
		if (!MODES.contains(mode)) {
			throw new IllegalArgumentException(PREFIX + "failed to configure TLS (sslmode is invalid)");
		}
		String negotiation = settings.get("sslnegotiation");
		if (negotiation != null && !negotiation.isEmpty()) {
			if (!negotiation.equals("postgres") && !negotiation.equals("direct")) {
				throw new IllegalArgumentException(PREFIX + "failed to configure TLS (sslnegotiation is invalid)");
			}
			properties.put("sslNegotiation", negotiation);
		}
		if (mode.equals("disable")) {
			properties.put("sslmode", mode);
			return properties;
		}
		Path directory = home.resolve(".postgresql");
		String rootCert = nonEmpty(settings.get("sslrootcert"));
		if (rootCert == null && Files.isRegularFile(directory.resolve("root.crt"))) {
			rootCert = directory.resolve("root.crt").toString();
		}
		String cert = nonEmpty(settings.get("sslcert"));
		String key = nonEmpty(settings.get("sslkey"));
		if (!settings.containsKey("sslcert") && !settings.containsKey("sslkey")
				&& Files.isRegularFile(directory.resolve("postgresql.crt"))
				&& Files.isRegularFile(directory.resolve("postgresql.key"))) {
			cert = directory.resolve("postgresql.crt").toString();
			key = directory.resolve("postgresql.key").toString();
		}
		if (rootCert != null) {
			checkCaFile(rootCert);
		}
		if ((cert == null) != (key == null)) {
			throw failure("both \"sslcert\" and \"sslkey\" are required");
		}
		if (mode.equals("require") && rootCert != null) {
			mode = "verify-ca";
		}
		boolean verifies = mode.equals("verify-ca") || mode.equals("verify-full");
		properties.put("sslmode", mode);
		if (verifies && rootCert == null) {
			if (cert != null) {
				throw failure("a client certificate (sslcert, sslkey) with sslmode " + mode
						+ " needs the CA file in sslrootcert: without one the JVM's trust store checks the "
						+ "server, and the JDBC driver then takes no client certificate file");
			}
			properties.put("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
		}
		else if (rootCert != null) {
			properties.put("sslrootcert", rootCert);
		}
		if (cert != null && key != null) {
			checkReadable(cert, "unable to read cert");
			properties.put("sslcert", cert);
			properties.put("sslkey", key);
			String algorithm = checkKey(key);
			if (algorithm != null) {
				properties.put("pemKeyAlgorithm", algorithm);
			}
			String password = settings.get("sslpassword");
			if (password != null && !password.isEmpty()) {
				properties.put("sslpassword", password);
			}
		}
		else {
			// no client certificate, as in pgx: keep the driver from reading its own
			// defaults (~/.postgresql/postgresql.crt and postgresql.pk8)
			properties.put("sslcert", "");
			properties.put("sslkey", "");
		}
		return properties;
	}

	private static @Nullable String nonEmpty(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : null;
	}

	private static void checkCaFile(String file) {
		byte[] content = read(file, "unable to read CA file");
		try (InputStream input = new ByteArrayInputStream(content)) {
			if (CertificateFactory.getInstance("X.509").generateCertificates(input).isEmpty()) {
				throw failure("unable to add CA to cert pool");
			}
		}
		catch (GeneralSecurityException | IOException ex) {
			throw failure("unable to add CA to cert pool");
		}
	}

	private static void checkReadable(String file, String message) {
		read(file, message);
	}

	/**
	 * Check that the driver can use a key file.
	 * @return the algorithm of a PEM key, or {@code null} for the driver's other formats
	 */
	private static @Nullable String checkKey(String file) {
		byte[] content = read(file, "unable to read sslkey");
		String text = new String(content, StandardCharsets.US_ASCII);
		int begin = text.indexOf("-----BEGIN ");
		boolean pemName = file.endsWith(".key") || file.endsWith(".pem");
		if (begin < 0) {
			if (pemName) {
				throw failure("sslkey: the JDBC driver reads a file named .key or .pem as a PEM key, and " + file
						+ " is not PEM");
			}
			// PKCS#8 DER (.pk8, encrypted with sslpassword or not) or PKCS#12 (.p12,
			// .pfx): read by the driver
			return null;
		}
		int typeEnd = text.indexOf("-----", begin + 11);
		String type = (typeEnd > 0) ? text.substring(begin + 11, typeEnd) : "";
		if (!type.equals("PRIVATE KEY")) {
			throw failure("sslkey: the JDBC driver reads a PEM key only as unencrypted PKCS#8 (BEGIN PRIVATE KEY), "
					+ "not " + type + "; convert it with openssl pkcs8 -topk8 -nocrypt, or give a PKCS#8 DER file "
					+ "(.pk8, which may be encrypted with sslpassword) or a PKCS#12 file (.p12)");
		}
		if (!pemName) {
			throw failure("sslkey: the JDBC driver reads a PEM key only from a file named .key or .pem");
		}
		String algorithm = algorithm(text, begin, typeEnd);
		if (algorithm == null) {
			throw failure("sslkey: the private key in " + file + " cannot be read");
		}
		try {
			BaseX509KeyManager.validateKeyFilePermissions(Path.of(file));
		}
		catch (PSQLException ex) {
			throw failure("sslkey: " + ex.getMessage());
		}
		return algorithm;
	}

	private static @Nullable String algorithm(String text, int begin, int typeEnd) {
		int start = text.indexOf('\n', typeEnd);
		int end = text.indexOf("-----END", start);
		if (start < 0 || end < 0) {
			return null;
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode(text.substring(start, end));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
				return algorithm;
			}
			catch (GeneralSecurityException ex) {
				// another algorithm
			}
		}
		return null;
	}

	private static byte[] read(String file, String message) {
		try {
			return Files.readAllBytes(Path.of(file));
		}
		catch (NoSuchFileException ex) {
			throw failure(message + ": " + file + ": no such file");
		}
		catch (AccessDeniedException ex) {
			throw failure(message + ": " + file + ": permission denied");
		}
		catch (IOException | RuntimeException ex) {
			throw failure(message + ": " + file + ": " + ex.getClass().getSimpleName());
		}
	}

	private static IllegalArgumentException failure(String reason) {
		return new IllegalArgumentException(PREFIX + "failed to configure TLS (" + reason + ")");
	}

}
