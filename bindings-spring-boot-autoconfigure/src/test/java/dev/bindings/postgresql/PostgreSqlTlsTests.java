package dev.bindings.postgresql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PostgreSqlTls}: pgx's TLS settings mapped to the PostgreSQL JDBC
 * driver's options.
 */
class PostgreSqlTlsTests {

	@TempDir
	Path home;

	@TempDir
	Path files;

	private String ca;

	private String cert;

	private String key;

	@BeforeEach
	void copyCertificates() throws IOException {
		this.ca = copy("ca.crt");
		this.cert = copy("client.crt");
		this.key = copy("client.key");
	}

	@Test
	void absentSslmodeIsPreferAsInPgxAndSendsNoClientCertificate() {
		assertThat(map(Map.of())).containsEntry("sslmode", "prefer")
			.containsEntry("sslcert", "")
			.containsEntry("sslkey", "")
			.doesNotContainKeys("sslrootcert", "sslfactory");
	}

	@Test
	void modesThatCheckNoCertificateKeepTheirName() {
		for (String mode : new String[] { "allow", "prefer", "require" }) {
			assertThat(map(Map.of("sslmode", mode))).containsEntry("sslmode", mode).doesNotContainKey("sslfactory");
		}
		assertThat(map(Map.of("sslmode", "disable"))).containsExactly(Map.entry("sslmode", "disable"));
	}

	@Test
	void requireWithACaFileChecksTheCertificateAsVerifyCaAsLibpqAndPgxDo() {
		assertThat(map(Map.of("sslmode", "require", "sslrootcert", this.ca))).containsEntry("sslmode", "verify-ca")
			.containsEntry("sslrootcert", this.ca);
	}

	@Test
	void verifyModesWithACaFileUseIt() {
		assertThat(map(Map.of("sslmode", "verify-full", "sslrootcert", this.ca)))
			.containsEntry("sslmode", "verify-full")
			.containsEntry("sslrootcert", this.ca)
			.doesNotContainKey("sslfactory");
		assertThat(map(Map.of("sslmode", "verify-ca", "sslrootcert", this.ca))).containsEntry("sslmode", "verify-ca");
	}

	@Test
	void verifyModesWithoutACaFileUseTheJvmTrustStoreAsPgxUsesTheSystemRoots() {
		assertThat(map(Map.of("sslmode", "verify-full"))).containsEntry("sslmode", "verify-full")
			.containsEntry("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory")
			.doesNotContainKey("sslrootcert");
	}

	@Test
	void caFileAndClientCertificateInTheHomeDirectoryAreUsedAsPgxDoes() throws IOException {
		Path directory = Files.createDirectories(this.home.resolve(".postgresql"));
		Files.copy(Path.of(this.ca), directory.resolve("root.crt"));
		Files.copy(Path.of(this.cert), directory.resolve("postgresql.crt"));
		Files.copy(Path.of(this.key), directory.resolve("postgresql.key"));
		Files.setPosixFilePermissions(directory.resolve("postgresql.key"),
				PosixFilePermissions.fromString("rw-------"));
		assertThat(map(Map.of("sslmode", "require"))).containsEntry("sslmode", "verify-ca")
			.containsEntry("sslrootcert", directory.resolve("root.crt").toString())
			.containsEntry("sslcert", directory.resolve("postgresql.crt").toString())
			.containsEntry("sslkey", directory.resolve("postgresql.key").toString())
			.containsEntry("pemKeyAlgorithm", "RSA");
	}

	@Test
	void clientCertificateWithAPkcs8PemKeyNamesItsAlgorithm() throws IOException {
		assertThat(map(Map.of("sslmode", "verify-full", "sslrootcert", this.ca, "sslcert", this.cert, "sslkey",
				this.key, "sslpassword", "unused")))
			.containsEntry("sslcert", this.cert)
			.containsEntry("sslkey", this.key)
			.containsEntry("pemKeyAlgorithm", "RSA")
			.containsEntry("sslpassword", "unused");
		String ecKey = copy("client-ec.key");
		assertThat(map(Map.of("sslcert", this.cert, "sslkey", ecKey))).containsEntry("pemKeyAlgorithm", "EC");
	}

	@Test
	void derAndPkcs12KeysAreLeftToTheDriver() throws IOException {
		String der = copy("client.pk8");
		assertThat(map(Map.of("sslcert", this.cert, "sslkey", der, "sslpassword", "p"))).containsEntry("sslkey", der)
			.containsEntry("sslpassword", "p")
			.doesNotContainKey("pemKeyAlgorithm");
	}

	@Test
	void unknownSslmodeIsRefusedWithPgxsMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> map(Map.of("sslmode", "Require")))
			.withMessage("failed to parse connection string: failed to configure TLS (sslmode is invalid)");
	}

	@Test
	void unreadableCaFileIsRefusedAtStartup() {
		String missing = this.files.resolve("missing.crt").toString();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> map(Map.of("sslmode", "verify-full", "sslrootcert", missing)))
			.withMessage("failed to parse connection string: failed to configure TLS (unable to read CA file: "
					+ missing + ": no such file)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> map(Map.of("sslmode", "verify-full", "sslrootcert", this.key)))
			.withMessage("failed to parse connection string: failed to configure TLS (unable to add CA to cert pool)");
	}

	@Test
	void certificateWithoutKeyIsRefusedWithPgxsMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> map(Map.of("sslcert", this.cert)))
			.withMessage("failed to parse connection string: failed to configure TLS "
					+ "(both \"sslcert\" and \"sslkey\" are required)");
	}

	@Test
	void pemKeysTheDriverCannotReadAreRefusedNamingTheConversion() throws IOException {
		for (String file : new String[] { "client-pkcs1.key", "client-encrypted.key" }) {
			String key = copy(file);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> map(Map.of("sslcert", this.cert, "sslkey", key, "sslpassword", "test-only")))
				.withMessageStartingWith("failed to parse connection string: failed to configure TLS (sslkey: "
						+ "the JDBC driver reads a PEM key only as unencrypted PKCS#8 (BEGIN PRIVATE KEY)")
				.withMessageContaining("openssl pkcs8 -topk8 -nocrypt")
				.withMessageNotContaining("test-only");
		}
	}

	@Test
	void pemKeyInAFileTheDriverTakesForDerIsRefused() throws IOException {
		Path renamed = Files.copy(Path.of(this.key), this.files.resolve("client.pem.txt"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> map(Map.of("sslcert", this.cert, "sslkey", renamed.toString())))
			.withMessageContaining("reads a PEM key only from a file named .key or .pem");
	}

	@Test
	void keyFileReadableByOthersIsRefusedAsTheDriverWouldWhenConnecting() throws IOException {
		Files.setPosixFilePermissions(Path.of(this.key), PosixFilePermissions.fromString("rw-r--r--"));
		assertThatIllegalArgumentException().isThrownBy(() -> map(Map.of("sslcert", this.cert, "sslkey", this.key)))
			.withMessageStartingWith("failed to parse connection string: failed to configure TLS (sslkey: ");
	}

	@Test
	void clientCertificateWithAVerifyModeButNoCaFileIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> map(Map.of("sslmode", "verify-full", "sslcert", this.cert, "sslkey", this.key)))
			.withMessageContaining("needs the CA file in sslrootcert");
	}

	@Test
	void sslnegotiationIsTheDriversSslNegotiation() {
		assertThat(map(Map.of("sslnegotiation", "direct", "sslmode", "require"))).containsEntry("sslNegotiation",
				"direct");
		assertThatIllegalArgumentException().isThrownBy(() -> map(Map.of("sslnegotiation", "tls")))
			.withMessage("failed to parse connection string: failed to configure TLS (sslnegotiation is invalid)");
	}

	@Test
	void connectionStringSettingsReachTheDriverProperties() {
		PostgreSqlBindingMetadata metadata = PostgreSqlBindingMetadata.parse(Map.of("connectionString",
				"postgres://u@h/db?sslmode=require&sslrootcert=" + this.ca + "&application_name=a"));
		assertThat(metadata.connection().properties()).containsEntry("sslmode", "verify-ca")
			.containsEntry("sslrootcert", this.ca)
			.containsEntry("ApplicationName", "a")
			.doesNotContainKey("options");
		PostgreSqlBindingMetadata discrete = PostgreSqlBindingMetadata
			.parse(Map.of("host", "h", "sslRootCert", this.ca));
		assertThat(discrete.connection().properties()).containsEntry("sslrootcert", this.ca);
	}

	private Map<String, String> map(Map<String, String> settings) {
		return PostgreSqlTls.driverProperties(new HashMap<>(settings), this.home);
	}

	private String copy(String name) throws IOException {
		Path target = this.files.resolve(name);
		try (InputStream input = getClass().getResourceAsStream("/dev/bindings/sql/tls/" + name)) {
			Files.copy(input, target);
		}
		if (name.endsWith(".key") || name.endsWith(".pk8")) {
			Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
		}
		return target.toString();
	}

}
