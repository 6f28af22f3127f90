package dev.bindings.support;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Failures} and {@link Secrets#describe(Throwable)}.
 */
class FailuresTests {

	@Test
	void describeJoinsTheDistinctMessagesOfTheCauseChain() {
		Exception failure = new IllegalStateException("Failed to construct kafka producer",
				new IOException("connection refused", new IOException("connection refused")));
		assertThat(Failures.describe(failure)).isEqualTo("Failed to construct kafka producer: connection refused");
	}

	@Test
	void describeNamesTheClassWhenNoMessageIsGiven() {
		assertThat(Failures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
	}

	@Test
	void secretsAreMaskedInTheDescriptionAndTheCauseIsWithheld() {
		Secrets secrets = Secrets.of("hunter2");
		Exception failure = new IllegalStateException("login failed", new IOException("bad password hunter2"));
		assertThat(secrets.describe(failure)).isEqualTo("login failed: bad password ***");
		assertThat(secrets.safeCause(failure)).isNull();
		Exception harmless = new IllegalStateException("timeout");
		assertThat(secrets.safeCause(harmless)).isSameAs(harmless);
	}

}
