package dev.bindings.registry;

import java.util.List;
import java.util.Map;

import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DefaultOutputBindingRegistry}.
 */
class DefaultOutputBindingRegistryTests {

	private static final UnavailableBindingType REDIS = new UnavailableBindingType("bindings.redis",
			"dev.bindings:bindings-spring-boot-starter-redis");

	@Test
	void componentOfAnUnavailableTypeFailsNamingTheDependencyToAdd() {
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> new DefaultOutputBindingRegistry(List.of(component("cache", "Bindings.Redis")),
					List.of(new EchoBindingFactory()), List.of(), List.of(REDIS)))
			.withMessage("Component 'cache' in test: couldn't find binding cache (Bindings.Redis/v1)")
			.satisfies((ex) -> assertThat(ex.getAction())
				.isEqualTo("Add the dependency dev.bindings:bindings-spring-boot-starter-redis to the application."));
	}

	@Test
	void componentOfATypeWithoutFactoryOrHintFailsNamingTheAvailableTypes() {
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> new DefaultOutputBindingRegistry(List.of(component("odd", "bindings.nosuch")),
					List.of(new EchoBindingFactory()), List.of(), List.of(REDIS)))
			.withMessage("Component 'odd' in test: couldn't find binding odd (bindings.nosuch/v1)")
			.satisfies((ex) -> assertThat(ex.getAction())
				.isEqualTo("Use a supported type and version (available: bindings.test.echo/v1), register an "
						+ "OutputBindingFactory bean for it, or set ignoreErrors: true."));
	}

	@Test
	void componentOfAnUnavailableTypeWithIgnoreErrorsIsSkipped() {
		ComponentDefinition component = new ComponentDefinition("cache", "bindings.redis", "v1", Map.of(), List.of(),
				true, null, "test");
		DefaultOutputBindingRegistry registry = new DefaultOutputBindingRegistry(List.of(component), List.of(),
				List.of(), List.of(REDIS));
		assertThat(registry.find("cache")).isNull();
	}

	private static ComponentDefinition component(String name, String type) {
		return new ComponentDefinition(name, type, "v1", Map.of(), List.of(), false, null, "test");
	}

}
