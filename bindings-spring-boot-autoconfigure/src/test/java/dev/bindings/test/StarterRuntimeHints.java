package dev.bindings.test;

import java.util.List;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The starter's runtime hints as {@code META-INF/spring/aot.factories} contributes them
 * to an application processed ahead of time, for the tests of each package's registrar.
 */
public final class StarterRuntimeHints {

	private StarterRuntimeHints() {
	}

	/**
	 * The hints of every registrar of the starter, with the test's class path.
	 * @return the hints
	 */
	public static RuntimeHints hints() {
		ClassLoader classLoader = StarterRuntimeHints.class.getClassLoader();
		RuntimeHints hints = new RuntimeHints();
		registrars(classLoader).forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

	/**
	 * The starter's registrars listed in {@code META-INF/spring/aot.factories}.
	 * @param classLoader the class loader to load them with
	 * @return the registrars
	 */
	public static List<RuntimeHintsRegistrar> registrars(ClassLoader classLoader) {
		return SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories", classLoader)
			.load(RuntimeHintsRegistrar.class)
			.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("dev.bindings."))
			.toList();
	}

}
