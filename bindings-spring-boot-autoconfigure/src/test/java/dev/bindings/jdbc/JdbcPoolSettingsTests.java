package dev.bindings.jdbc;

import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import dev.bindings.component.ComponentMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JdbcPoolSettings}.
 */
class JdbcPoolSettingsTests {

	@Test
	void settingsAreReadWithTheSharedDaprMessages() {
		ComponentMetadata metadata = ComponentMetadata.of(Map.of("maxConns", " 7 ", "idle", "1m", "bad", "x"));
		assertThat(JdbcPoolSettings.getInt(metadata, "maxConns")).isEqualTo(7);
		assertThat(JdbcPoolSettings.getInt(metadata, "absent")).isZero();
		assertThat(JdbcPoolSettings.getDuration(metadata, "idle")).isEqualTo(Duration.ofMinutes(1));
		assertThat(JdbcPoolSettings.getDuration(metadata, "absent")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcPoolSettings.getInt(metadata, "bad"))
			.withMessage("invalid value for 'bad': not an integer");
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcPoolSettings.getDuration(metadata, "bad"))
			.withMessage("invalid value for 'bad': not a duration");
	}

	@Test
	void connectionStringSettingsAreReadWithTheSameMessages() {
		assertThat(JdbcPoolSettings.parseInt("pool_max_conns", " 3")).isEqualTo(3);
		assertThat(JdbcPoolSettings.parseDuration("pool_max_conn_idle_time", "90")).isEqualTo(Duration.ofSeconds(90));
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcPoolSettings.parseInt("pool_max_conns", "many"))
			.withMessage("invalid value for 'pool_max_conns': not an integer");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcPoolSettings.parseDuration("pool_max_conn_idle_time", "later"))
			.withMessage("invalid value for 'pool_max_conn_idle_time': not a duration");
	}

	@Test
	void hikariConfigKeepsHikariCpsMinimums() {
		HikariConfig config = new JdbcPoolSettings(5, 2, Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofMillis(1), true)
			.hikariConfig("orders", "org.postgresql.Driver", "jdbc:postgresql://h/db", "dapr", "secret",
					Map.of("sslmode", "disable"));
		assertThat(config.getPoolName()).isEqualTo("bindings-orders");
		assertThat(config.getDriverClassName()).isEqualTo("org.postgresql.Driver");
		assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
		assertThat(config.getUsername()).isEqualTo("dapr");
		assertThat(config.getPassword()).isEqualTo("secret");
		assertThat(config.getDataSourceProperties()).containsEntry("sslmode", "disable");
		assertThat(config.getMaximumPoolSize()).isEqualTo(5);
		assertThat(config.getMinimumIdle()).isEqualTo(2);
		assertThat(config.getMaxLifetime()).isEqualTo(30_000);
		assertThat(config.getIdleTimeout()).isEqualTo(10_000);
		assertThat(config.getConnectionTimeout()).isEqualTo(250);
		assertThat(config.getInitializationFailTimeout()).isEqualTo(1);
	}

	@Test
	void absentDurationsKeepHikariCpsDefaultsAndOnDemandPoolsDoNotConnectAtStartup() {
		HikariConfig defaults = new HikariConfig();
		HikariConfig config = new JdbcPoolSettings(4, 0, null, Duration.ZERO, null, false).hikariConfig("x",
				"org.mariadb.jdbc.Driver", "jdbc:mariadb://h/db", null, null, Map.of());
		assertThat(config.getUsername()).isNull();
		assertThat(config.getPassword()).isNull();
		assertThat(config.getMaxLifetime()).isEqualTo(defaults.getMaxLifetime());
		assertThat(config.getIdleTimeout()).isEqualTo(defaults.getIdleTimeout());
		assertThat(config.getConnectionTimeout()).isEqualTo(defaults.getConnectionTimeout());
		assertThat(config.getInitializationFailTimeout()).isEqualTo(-1);
	}

}
