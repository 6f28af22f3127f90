package dev.bindings.postgresql;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PostgreSqlBindingMetadata} and {@link PostgreSqlConnectionString}.
 */
class PostgreSqlBindingMetadataTests {

	@Test
	void keywordValueConnectionStringBecomesAJdbcUrlAndProperties() {
		PostgreSqlBindingMetadata metadata = PostgreSqlBindingMetadata.parse(Map.of("connectionString",
				"host=db.example.com port=5433 user=dapr password='se cr\\'et' dbname=orders sslmode=verify-full "
						+ "application_name=app search_path=app"));
		assertThat(metadata.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/orders");
		assertThat(metadata.connection().properties()).containsEntry("sslmode", "verify-full")
			.containsEntry("ApplicationName", "app")
			.containsEntry("currentSchema", "app")
			.containsEntry("stringtype", "unspecified");
		assertThat(metadata.connection().hikariConfig("x").getUsername()).isEqualTo("dapr");
		assertThat(metadata.connection().hikariConfig("x").getPassword()).isEqualTo("se cr'et");
	}

	@Test
	void urlConnectionStringWithSeveralHostsBecomesAJdbcUrl() {
		PostgreSqlBindingMetadata metadata = PostgreSqlBindingMetadata.parse(Map.of("connectionString",
				"postgresql://dapr:p%40ss@h1:5432,h2:5433/my%20db?sslmode=disable&target_session_attrs=read-write"));
		assertThat(metadata.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/my%20db");
		assertThat(metadata.connection().properties()).containsEntry("targetServerType", "primary");
		assertThat(metadata.connection().hikariConfig("x").getPassword()).isEqualTo("p@ss");
	}

	@Test
	void unknownSettingsBecomeRunTimeParametersAsInPgx() {
		PostgreSqlBindingMetadata metadata = PostgreSqlBindingMetadata
			.parse(Map.of("connectionString", "host=h statement_timeout=5000 work_mem=64MB"));
		assertThat(metadata.connection().properties()).containsEntry("options",
				"-c statement_timeout=5000 -c work_mem=64MB");
	}

	@Test
	void poolSettingsComeFromMetadata() {
		PostgreSqlBindingMetadata metadata = PostgreSqlBindingMetadata.parse(
				Map.of("connectionString", "host=h", "maxConns", "7", "timeout", "5", "connectionMaxIdleTime", "1m"));
		assertThat(metadata.connection().hikariConfig("x").getMaximumPoolSize()).isEqualTo(7);
		assertThat(metadata.connection().hikariConfig("x").getConnectionTimeout()).isEqualTo(5000);
		assertThat(metadata.connection().hikariConfig("x").getIdleTimeout()).isEqualTo(60_000);
	}

	@Test
	void discreteKeysAreUsedWithoutAConnectionString() {
		PostgreSqlBindingMetadata metadata = PostgreSqlBindingMetadata
			.parse(Map.of("host", "h", "port", "6543", "database", "d", "user", "u"));
		assertThat(metadata.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://h:6543/d");
	}

	@Test
	void unterminatedQuoteFailsWithoutTheConnectionString() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PostgreSqlBindingMetadata.parse(Map.of("connectionString", "host=h password='Secret")))
			.withMessage("failed to parse connection string: unterminated quoted string in connection info string");
	}

	@Test
	void duplicateKeysDifferingInCaseFail() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PostgreSqlBindingMetadata
				.parse(Map.of("connectionString", "host=h", "ConnectionString", "host=i")))
			.withMessage("key connectionstring is duplicate in the metadata");
	}

}
