package dev.bindings.postgresql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PostgreSqlDialect}.
 */
class PostgreSqlDialectTests {

	@Test
	void queriesThatMayRunInATransactionAreRecognisedAfterCommentsAndParentheses() {
		assertThat(PostgreSqlDialect.returnsRowsOnly("SELECT 1")).isTrue();
		assertThat(PostgreSqlDialect.returnsRowsOnly("  /* a */ -- b\n ((select 1))")).isTrue();
		assertThat(PostgreSqlDialect.returnsRowsOnly("WITH x AS (SELECT 1) SELECT * FROM x")).isTrue();
		assertThat(PostgreSqlDialect.returnsRowsOnly("values (1)")).isTrue();
		assertThat(PostgreSqlDialect.returnsRowsOnly("TABLE t")).isTrue();
	}

	@Test
	void otherStatementsAreNot() {
		assertThat(PostgreSqlDialect.returnsRowsOnly("VACUUM t")).isFalse();
		assertThat(PostgreSqlDialect.returnsRowsOnly("INSERT INTO t VALUES (1) RETURNING id")).isFalse();
		assertThat(PostgreSqlDialect.returnsRowsOnly("CREATE INDEX CONCURRENTLY i ON t (id)")).isFalse();
		assertThat(PostgreSqlDialect.returnsRowsOnly("selectx")).isFalse();
		assertThat(PostgreSqlDialect.returnsRowsOnly("/* SELECT */")).isFalse();
		assertThat(PostgreSqlDialect.returnsRowsOnly("")).isFalse();
	}

}
