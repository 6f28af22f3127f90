package dev.bindings.web;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What Dapr's HTTP API needs in a native image: Tomcat creates the API listener's error
 * report valve ({@link DaprErrorReportValve}) from its class name.
 */
final class DaprHttpApiRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent("org.apache.catalina.valves.ErrorReportValve", classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of("dev.bindings.web.DaprErrorReportValve"),
						MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
	}

}
