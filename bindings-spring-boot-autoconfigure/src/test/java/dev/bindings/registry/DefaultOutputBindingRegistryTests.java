package dev.bindings.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentLoader;
import dev.bindings.http.HttpOutputBindingFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

	@Test
	void aTypesMessageQuotingAValueFromASecretStoreIsMaskedAndCarriesNoCause(@TempDir Path folder) throws IOException {
		Files.writeString(folder.resolve("components.yaml"), """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: store
				spec:
				  type: secretstores.spring.environment
				  version: v1
				---
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: web
				spec:
				  type: bindings.http
				  version: v1
				  metadata:
				  - name: url
				    value: http://localhost:8080
				  - name: responseTimeout
				    secretKeyRef:
				      name: http.timeout
				auth:
				  secretStore: store
				""");
		List<ComponentDefinition> components = new ComponentLoader("app1", null,
				Map.of("http.timeout", "s3cret-from-the-store")::get)
			.load(List.of(folder), true, List.of());
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> new DefaultOutputBindingRegistry(components, List.of(new HttpOutputBindingFactory()),
					List.of(), List.of()))
			.withMessageContaining("cannot create binding web (bindings.http/v1): invalid 'responseTimeout' metadata:"
					+ " time: invalid duration \"***\"")
			.withMessageNotContaining("s3cret")
			.withNoCause();
	}

	@Test
	void aTypesMessageQuotingAValueWrittenInTheComponentKeepsDaprsText() {
		ComponentDefinition component = new ComponentDefinition("web", "bindings.http", "v1",
				Map.of("url", "http://localhost:8080", "responseTimeout", "fast"), List.of(), false, null, "test");
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> new DefaultOutputBindingRegistry(List.of(component),
					List.of(new HttpOutputBindingFactory()), List.of(), List.of()))
			.withMessageContaining("invalid 'responseTimeout' metadata: time: invalid duration \"fast\"")
			.withCauseInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aTypesMessageQuotingTheValueOfAKeyNamedLikeASecretIsMasked() {
		ComponentDefinition component = new ComponentDefinition("web", "bindings.http", "v1",
				Map.of("url", "http://localhost:8080", "securityToken", "s3cret-token"), List.of(), false, null,
				"test");
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> new DefaultOutputBindingRegistry(List.of(component), List.of(new QuotingBindingFactory()),
					List.of(), List.of()))
			.withMessageContaining("cannot create binding web (bindings.http/v1): the value *** of securityToken")
			.withMessageNotContaining("s3cret")
			.withNoCause();
	}

	private static ComponentDefinition component(String name, String type) {
		return new ComponentDefinition(name, type, "v1", Map.of(), List.of(), false, null, "test");
	}

	/**
	 * {@code bindings.http} as a careless type would write it: its message quotes a
	 * metadata value.
	 */
	private static final class QuotingBindingFactory implements OutputBindingFactory {

		@Override
		public String type() {
			return "bindings.http";
		}

		@Override
		public OutputBinding create(ComponentDefinition component) {
			throw new IllegalArgumentException(
					"the value " + component.metadata().get("securityToken") + " of securityToken is refused");
		}

	}

}
