package dev.bindings.postgresql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PostgreSqlPlaceholders}.
 */
class PostgreSqlPlaceholdersTests {

	@Test
	void positionalPlaceholdersBecomeQuestionMarksInOrder() {
		PostgreSqlPlaceholders placeholders = PostgreSqlPlaceholders
			.translate("UPDATE t SET a = $2, b = $1 WHERE c = $2");
		assertThat(placeholders.sql()).isEqualTo("UPDATE t SET a = ?, b = ? WHERE c = ?");
		assertThat(placeholders.parameters()).containsExactly(2, 1, 2);
		assertThat(placeholders.count()).isEqualTo(2);
	}

	@Test
	void literalsCommentsAndQuotedIdentifiersAreLeftAlone() {
		String sql = "SELECT '$1', \"$2\", $$ $3 $$, $tag$ $4 ? $tag$, E'\\' $5' -- $6 ?\n/* $7 /* ? */ */ FROM t";
		PostgreSqlPlaceholders placeholders = PostgreSqlPlaceholders.translate(sql);
		assertThat(placeholders.sql()).isEqualTo(sql);
		assertThat(placeholders.count()).isZero();
	}

	@Test
	void questionMarkOperatorIsEscapedForTheDriver() {
		assertThat(PostgreSqlPlaceholders.translate("SELECT doc ? 'a' FROM t WHERE id = $1").sql())
			.isEqualTo("SELECT doc ?? 'a' FROM t WHERE id = ?");
	}

	@Test
	void dollarInsideAnIdentifierIsNotAPlaceholder() {
		assertThat(PostgreSqlPlaceholders.translate("SELECT a$1 FROM t").count()).isZero();
	}

}
