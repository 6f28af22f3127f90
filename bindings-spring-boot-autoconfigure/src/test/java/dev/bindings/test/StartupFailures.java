package dev.bindings.test;

import dev.bindings.component.ComponentConfigurationException;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers for tests of startup failures caused by a component.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * The {@link ComponentConfigurationException} that stopped a context's startup.
	 * @param context the context, which must have failed
	 * @return the exception found in the failure's cause chain
	 */
	public static ComponentConfigurationException componentFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof ComponentConfigurationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("a ComponentConfigurationException in the cause chain").isNotNull();
		return (ComponentConfigurationException) failure;
	}

}
