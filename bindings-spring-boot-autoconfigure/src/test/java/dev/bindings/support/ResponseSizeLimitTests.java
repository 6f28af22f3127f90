package dev.bindings.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ResponseSizeLimit}.
 */
class ResponseSizeLimitTests {

	@Test
	void sizeIsDescribedInTheLargestWholeUnit() {
		assertThat(ResponseSizeLimit.describe(ResponseSizeLimit.DEFAULT)).isEqualTo("16MB");
		assertThat(ResponseSizeLimit.describe(1536 * 1024)).isEqualTo("1536KB");
		assertThat(ResponseSizeLimit.describe(8 * 1024)).isEqualTo("8KB");
		assertThat(ResponseSizeLimit.describe(1000)).isEqualTo("1000 bytes");
		assertThat(ResponseSizeLimit.describe(1025)).isEqualTo("1025 bytes");
		assertThat(ResponseSizeLimit.describe(10)).isEqualTo("10 bytes");
	}

	@Test
	void largerThanNamesTheLimitAndItsProperty() {
		assertThat(ResponseSizeLimit.largerThan(1024))
			.isEqualTo("larger than 1KB, the limit set by bindings.limits.max-response-size");
	}

	@Test
	void limitMustBePositive() {
		assertThat(ResponseSizeLimit.check(1)).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseSizeLimit.check(0))
			.withMessage("bindings.limits.max-response-size must be positive");
	}

}
