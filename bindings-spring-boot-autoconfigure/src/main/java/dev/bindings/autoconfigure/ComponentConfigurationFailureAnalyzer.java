package dev.bindings.autoconfigure;

import dev.bindings.component.ComponentConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an invalid Dapr component at startup: which component, where it was declared,
 * what is wrong and what to change.
 */
class ComponentConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ComponentConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ComponentConfigurationException cause) {
		String action = (cause.getAction() != null) ? cause.getAction()
				: "Correct the component in " + cause.getOrigin() + ".";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
