package dev.bindings.mysql;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MySqlBindingMetadata} and {@link MySqlDataSourceName}.
 */
class MySqlBindingMetadataTests {

	@Test
	void goDsnIsParsedAsTheGoDriverDoes() {
		MySqlDataSourceName dsn = MySqlDataSourceName
			.parse("user:p@ss/word@tcp(db.example.com:3307)/orders?parseTime=true&loc=Local");
		assertThat(dsn).isNotNull();
		assertThat(dsn.user()).isEqualTo("user");
		assertThat(dsn.password()).isEqualTo("p@ss/word");
		assertThat(dsn.net()).isEqualTo("tcp");
		assertThat(dsn.address()).isEqualTo("db.example.com:3307");
		assertThat(dsn.database()).isEqualTo("orders");
		assertThat(dsn.params()).containsEntry("parseTime", "true").containsEntry("loc", "Local");
	}

	@Test
	void goDsnDefaultsToTcpOnTheLocalDefaultPort() {
		MySqlDataSourceName dsn = MySqlDataSourceName.parse("/test");
		assertThat(dsn.net()).isEqualTo("tcp");
		assertThat(dsn.address()).isEqualTo("127.0.0.1:3306");
		assertThat(MySqlDataSourceName.parse("root@tcp(db)/test").address()).isEqualTo("db:3306");
	}

	@Test
	void dsnWithoutSlashIsIllegal() {
		assertThat(MySqlDataSourceName.parse("root@tcp(db:3306)")).isNull();
	}

	@Test
	void dsnBecomesAMariaDbJdbcUrlWithTheGoDriversSemantics() {
		MySqlBindingMetadata metadata = MySqlBindingMetadata
			.parse(Map.of("url", "dapr:secret@tcp(db:3306)/orders?tls=skip-verify&timeout=5s&multiStatements=true"));
		assertThat(metadata.connection().jdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/orders");
		assertThat(metadata.connection().properties()).containsEntry("sslMode", "trust")
			.containsEntry("connectTimeout", "5000")
			.containsEntry("allowMultiQueries", "true")
			.containsEntry("useAffectedRows", "true");
		assertThat(metadata.connection().hikariConfig("x").getUsername()).isEqualTo("dapr");
		assertThat(metadata.connection().hikariConfig("x").getPassword()).isEqualTo("secret");
	}

	@Test
	void unixSocketDsnUsesTheLocalSocketOption() {
		MySqlBindingMetadata metadata = MySqlBindingMetadata.parse(Map.of("url", "root@unix(/run/mysqld.sock)/test"));
		assertThat(metadata.connection().jdbcUrl()).isEqualTo("jdbc:mariadb://localhost/test");
		assertThat(metadata.connection().properties()).containsEntry("localSocket", "/run/mysqld.sock");
	}

	@Test
	void locSetsTheZone() {
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "/test?loc=Asia%2FTokyo")).zone())
			.isEqualTo(ZoneId.of("Asia/Tokyo"));
	}

	@Test
	void poolSettingsComeFromMetadata() {
		MySqlBindingMetadata metadata = MySqlBindingMetadata.parse(Map.of("url", "/test", "maxOpenConns", "4",
				"maxIdleConns", "8", "connMaxLifetime", "5m", "connMaxIdleTime", "30s"));
		assertThat(metadata.connection().hikariConfig("x").getMaximumPoolSize()).isEqualTo(4);
		assertThat(metadata.connection().hikariConfig("x").getMinimumIdle()).isEqualTo(4);
		assertThat(metadata.connection().hikariConfig("x").getMaxLifetime()).isEqualTo(300_000);
		assertThat(metadata.connection().hikariConfig("x").getIdleTimeout()).isEqualTo(30_000);
	}

	@Test
	void customTlsWithoutPemPathFailsNamingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MySqlBindingMetadata.parse(Map.of("url", "u:Secret-Pw@tcp(db)/test?tls=custom")))
			.withMessage("url: tls=custom needs the CA certificate file in 'pemPath'");
	}

	@Test
	void unreadablePemPathFailsWithDaprMessage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MySqlBindingMetadata.parse(Map.of("url", "/test", "pemPath", "/nonexistent/ca.pem")))
			.withMessageStartingWith("error reading PEM file from /nonexistent/ca.pem: ");
	}

	@Test
	void localInfileIsOffUnlessTheUrlAllowsAllFiles() {
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "/test")).connection().properties())
			.containsEntry("allowLocalInfile", "false");
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "jdbc:mariadb://db/test")).connection().properties())
			.containsEntry("allowLocalInfile", "false");
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "/test?allowAllFiles=true")).connection().properties())
			.containsEntry("allowLocalInfile", "true");
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "/test?allowAllFiles=0")).connection().properties())
			.containsEntry("allowLocalInfile", "false");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MySqlBindingMetadata.parse(Map.of("url", "/test?allowAllFiles=yes")))
			.withMessage("url: invalid bool value for allowAllFiles");
	}

	@Test
	void tlsValuesMapToTheDriversSslModeWithTheGoDriversMeaning() {
		assertThat(sslMode("/test")).isEqualTo("disable");
		for (String value : new String[] { "false", "0", "FALSE", "False" }) {
			assertThat(sslMode("/test?tls=" + value)).isEqualTo("disable");
		}
		for (String value : new String[] { "true", "1", "TRUE", "True" }) {
			assertThat(sslMode("/test?tls=" + value)).isEqualTo("verify-full");
		}
		assertThat(sslMode("/test?tls=skip-verify")).isEqualTo("trust");
		assertThat(sslMode("/test?tls=Skip-Verify")).isEqualTo("trust");
		assertThat(sslMode("/test?tls=preferred")).isEqualTo("trust");
	}

	@Test
	void tlsPreferredAndAllowFallbackToPlaintextConnectThroughTheFallbackDataSource() {
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "/test?tls=preferred"))
			.connection()
			.hikariConfig("x")
			.getDataSource()).isInstanceOf(PlaintextFallbackDataSource.class);
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "/test?tls=true&allowFallbackToPlaintext=true"))
			.connection()
			.hikariConfig("x")
			.getDataSource()).isInstanceOf(PlaintextFallbackDataSource.class);
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "/test?tls=true"))
			.connection()
			.hikariConfig("x")
			.getDataSource()).isNull();
		assertThat(MySqlBindingMetadata.parse(Map.of("url", "/test?tls=false&allowFallbackToPlaintext=true"))
			.connection()
			.hikariConfig("x")
			.getDataSource()).isNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MySqlBindingMetadata.parse(Map.of("url", "/test?tls=true&allowFallbackToPlaintext=t")))
			.withMessage("url: invalid bool value for allowFallbackToPlaintext");
	}

	@Test
	void customTlsChecksTheServerAgainstThePemFile() {
		String pem = getClass().getResource("/dev/bindings/sql/tls/ca.crt").getPath();
		MySqlBindingMetadata metadata = MySqlBindingMetadata
			.parse(Map.of("url", "u:Secret-Pw@tcp(db)/test?tls=Custom", "pemPath", pem));
		assertThat(metadata.connection().properties()).containsEntry("sslMode", "verify-full")
			.containsEntry("serverSslCert", pem);
	}

	@Test
	void tlsNamesTheGoDriverDoesNotKnowAreRefused() {
		for (String value : new String[] { "t", "F", "yes", "mine" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> MySqlBindingMetadata.parse(Map.of("url", "u:Secret-Pw@tcp(db)/test?tls=" + value)))
				.withMessage("url: invalid value / unknown config name for tls: " + value
						+ " (use true, false, skip-verify, preferred, or custom with pemPath)");
		}
	}

	private static String sslMode(String url) {
		return MySqlBindingMetadata.parse(Map.of("url", url)).connection().properties().get("sslMode");
	}

}
