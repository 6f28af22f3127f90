package dev.bindings.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static dev.bindings.test.StartupFailures.componentFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code envRef} and the secret stores against a real process environment, with the
 * loader production uses: no spelling of {@code DAPR_API_TOKEN}, {@code APP_API_TOKEN} or
 * the starter's {@code bindings.api-token} gets a value out. The module's pom runs this
 * class in a JVM of its own (surefire execution {@code process-environment}) with these
 * variables set.
 */
@EnabledIfEnvironmentVariable(named = "BINDINGS_PROCESS_ENVIRONMENT_TESTS", matches = "true",
		disabledReason = "runs in the surefire execution 'process-environment', which sets the variables")
class ComponentProcessEnvironmentTests {

	private static final String DAPR_TOKEN = "dapr-token-from-the-environment";

	private static final String APP_TOKEN = "app-token-from-the-environment";

	private static final String STARTER_TOKEN = "starter-token-from-the-environment";

	private static final String STARTER_PROPERTY_TOKEN = "starter-token-from-a-property";

	@TempDir
	Path folder;

	/** An environment as Spring Boot's: relaxed names, system environment included. */
	private final StandardEnvironment springEnvironment = springEnvironment();

	private static StandardEnvironment springEnvironment() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("db.password", "spring-secret", "bindings.api-token", STARTER_PROPERTY_TOKEN)));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	private List<ComponentDefinition> load() {
		return new ComponentLoader("app1", null, this.springEnvironment::getProperty).load(List.of(this.folder), true,
				List.of());
	}

	private void write(String file, String content) throws IOException {
		Files.writeString(this.folder.resolve(file), content);
	}

	private static String binding(String metadata) {
		return """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: myevent
				spec:
				  type: bindings.kafka
				  version: v1
				  metadata:
				%s
				auth:
				  secretStore: store
				""".formatted(metadata);
	}

	private void writeStore(String type, String metadata) throws IOException {
		write("store.yaml", """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: store
				spec:
				  type: %s
				  version: v1
				  metadata:%s
				""".formatted(type, metadata.isEmpty() ? " []" : "\n" + metadata));
	}

	@Test
	void theVariablesAreSet() {
		assertThat(System.getenv("DAPR_API_TOKEN")).isEqualTo(DAPR_TOKEN);
		assertThat(System.getenv("APP_API_TOKEN")).isEqualTo(APP_TOKEN);
		assertThat(System.getenv("BINDINGS_API_TOKEN")).isEqualTo(STARTER_TOKEN);
	}

	@Test
	void envRefReadsTheProcessEnvironment() throws IOException {
		write("binding.yaml", binding("""
				  - name: clientId
				    envRef: COMPONENT_TEST_VARIABLE
				"""));
		assertThat(load().get(0).metadata()).containsEntry("clientId", "from-the-process-environment");
	}

	@Test
	void envRefTakesTheNameAsItIsWithoutSpringsRelaxedLookup() throws IOException {
		assertThat(this.springEnvironment.getProperty("component.test.variable"))
			.as("Spring's lookup finds the variable under this name")
			.isEqualTo("from-the-process-environment");
		write("binding.yaml", binding("""
				  - name: clientId
				    envRef: component.test.variable
				"""));
		assertThat(load().get(0).metadata()).containsEntry("clientId", "");
	}

	@ParameterizedTest
	@ValueSource(strings = { "DAPR_API_TOKEN", "dapr_api_token", "dapr.api.token", "dapr-api-token", "Dapr-Api_Token",
			"dapr[api].token", "APP_API_TOKEN", "app_api_token", "app.api.token", "App-Api-Token" })
	void envRefToDaprsOrTheAppsTokenInAnySpellingStopsStartup(String name) throws IOException {
		write("binding.yaml", binding("""
				  - name: token
				    envRef: %s
				""".formatted(name)));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageStartingWith("Component 'myevent' in file '")
			.withMessageContaining("metadata 'token' refers to the environment variable '" + name
					+ "' (envRef), which may not be read: names starting with DAPR_ and the name APP_API_TOKEN")
			.withMessageNotContaining(DAPR_TOKEN)
			.withMessageNotContaining(APP_TOKEN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "DAPR_API_TOKEN", "dapr.api.token", "Dapr-Api_Token", "APP_API_TOKEN", "app.api.token" })
	void envStoreRefusesDaprsAndTheAppsTokenInAnySpelling(String name) throws IOException {
		writeStore("secretstores.local.env", "");
		write("binding.yaml", binding("""
				  - name: token
				    secretKeyRef:
				      name: %s
				""".formatted(name)));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageStartingWith("Component 'myevent' in file '")
			.withMessageContaining("metadata 'token' refers to secret '" + name + "' of secret store 'store', which"
					+ " may not be read: environment variable '" + name + "': names starting with DAPR_")
			.withMessageNotContaining(DAPR_TOKEN)
			.withMessageNotContaining(APP_TOKEN);
	}

	@Test
	void envStoreReadsTheProcessEnvironment() throws IOException {
		writeStore("secretstores.local.env", "  - name: prefix\n    value: COMPONENT_TEST_");
		write("binding.yaml", binding("""
				  - name: clientId
				    secretKeyRef:
				      name: VARIABLE
				"""));
		assertThat(load()).filteredOn((component) -> component.name().equals("myevent"))
			.singleElement()
			.satisfies((component) -> assertThat(component.metadata()).containsEntry("clientId",
					"from-the-process-environment"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "bindings.api-token", "bindings.api.token", "bindings.apiToken", "bindings.api_token",
			"BINDINGS_API_TOKEN", "BINDINGS_APITOKEN", "bindings[api-token]", "Bindings.Api-Token", "dapr.api.token",
			"DAPR_API_TOKEN", "app.api.token" })
	void springEnvironmentStoreRefusesTheTokensInAnySpelling(String name) throws IOException {
		writeStore("secretstores.spring.environment", "");
		write("binding.yaml", binding("""
				  - name: token
				    secretKeyRef:
				      name: "%s"
				""".formatted(name)));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageStartingWith("Component 'myevent' in file '")
			.withMessageContaining("metadata 'token' refers to secret '" + name + "' of secret store 'store', which"
					+ " may not be read: ")
			.withMessageNotContaining(DAPR_TOKEN)
			.withMessageNotContaining(APP_TOKEN)
			.withMessageNotContaining(STARTER_TOKEN)
			.withMessageNotContaining(STARTER_PROPERTY_TOKEN);
	}

	@Test
	void springEnvironmentStoreStillReadsOtherProperties() throws IOException {
		writeStore("secretstores.spring.environment", "");
		write("binding.yaml", binding("""
				  - name: saslPassword
				    secretKeyRef:
				      name: db.password
				"""));
		assertThat(load()).filteredOn((component) -> component.name().equals("myevent"))
			.singleElement()
			.satisfies((component) -> assertThat(component.metadata()).containsEntry("saslPassword", "spring-secret"));
	}

	@Test
	void anApplicationWithARefusedEnvRefFailsToStartWithoutTheValue() throws IOException {
		write("binding.yaml", binding("""
				  - name: token
				    envRef: dapr.api.token
				"""));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=" + this.folder)
			.run((context) -> assertThat(componentFailure(context)).hasMessageContaining("Component 'myevent'")
				.hasMessageContaining("metadata 'token' refers to the environment variable 'dapr.api.token'")
				.hasMessageNotContaining(DAPR_TOKEN));
	}

	@Test
	void anApplicationWhoseSpringEnvironmentStoreNamesTheStartersTokenFailsToStartWithoutTheValue() throws IOException {
		writeStore("secretstores.spring.environment", "");
		write("binding.yaml", binding("""
				  - name: token
				    secretKeyRef:
				      name: bindings.api.token
				"""));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=" + this.folder,
					"bindings.api-token=" + STARTER_PROPERTY_TOKEN)
			.run((context) -> assertThat(componentFailure(context)).hasMessageContaining("Component 'myevent'")
				.hasMessageContaining("refers to secret 'bindings.api.token' of secret store 'store', which may not"
						+ " be read: the starter's API token (bindings.api-token) is refused")
				.hasMessageNotContaining(STARTER_PROPERTY_TOKEN)
				.hasMessageNotContaining(STARTER_TOKEN));
	}

}
