package dev.bindings.jdbc;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SqlParameters}.
 */
class SqlParametersTests {

	@Test
	void absentOrEmptyParamsAreNoParameters() {
		assertThat(SqlParameters.from(Map.of())).isEmpty();
		assertThat(SqlParameters.from(Map.of("params", ""))).isEmpty();
	}

	@Test
	void jsonNullIsNoParametersAsGoLeavesTheSliceNil() {
		assertThat(SqlParameters.from(Map.of("params", "null"))).isEmpty();
	}

	@Test
	void elementsKeepTheirJsonTypes() {
		assertThat(SqlParameters.from(Map.of("params", "[1, 2.50, \"x\", true, null, 12345678901234567890]")))
			.containsExactly(1L, new BigDecimal("2.50"), "x", true, null, new BigDecimal("12345678901234567890"));
	}

	@Test
	void nestedValuesAreBoundAsJsonText() {
		assertThat(SqlParameters.from(Map.of("params", "[{\"a\":[1]}]"))).containsExactly("{\"a\":[1]}");
	}

	@Test
	void trailingContentIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> SqlParameters.from(Map.of("params", "[1] [2]")))
			.withMessageStartingWith("invalid metadata property params: failed to unserialize into an array: ");
	}

}
