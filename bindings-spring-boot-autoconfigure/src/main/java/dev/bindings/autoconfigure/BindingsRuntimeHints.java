package dev.bindings.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What the core auto-configurations read at run time without the compiler seeing it, for
 * a native image: the starter's version ({@code META-INF/dev-bindings.properties}, in
 * {@code /v1.0/metadata}), and the optional classes whose presence is checked when the
 * API listeners are created (the observation filter and gRPC interceptor).
 */
final class BindingsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("META-INF/dev-bindings.properties");
		hints.reflection()
			.registerTypeIfPresent(classLoader,
					BindingsWebAutoConfiguration.OwnListenerConfiguration.OBSERVATION_FILTER)
			.registerTypeIfPresent(classLoader, BindingsGrpcAutoConfiguration.OBSERVATION_INTERCEPTOR);
	}

}
