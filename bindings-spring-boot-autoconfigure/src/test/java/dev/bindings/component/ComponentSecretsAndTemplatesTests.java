package dev.bindings.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code secretKeyRef} with the supported secret stores, and metadata
 * templates.
 */
class ComponentSecretsAndTemplatesTests {

	@TempDir
	Path folder;

	private final Map<String, String> variables = Map.of("APP_KAFKA_PASSWORD", "env-secret", "DAPR_API_TOKEN",
			"dapr-token-value", "POD_NAME", "pod-1");

	private final Map<String, String> properties = Map.of("db.password", "spring-secret", "bindings.api-token",
			"starter-token-value");

	private List<ComponentDefinition> load(String namespace, Map<String, String> variables) {
		return new ComponentLoader("orders", namespace, this.properties::get, variables::get).load(List.of(this.folder),
				true, List.of());
	}

	private List<ComponentDefinition> load() {
		return load(null, this.variables);
	}

	private void write(String file, String content) throws IOException {
		Files.writeString(this.folder.resolve(file), content);
	}

	private static String binding(String store, String metadata) {
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
				  secretStore: %s
				""".formatted(metadata, store);
	}

	private static String store(String name, String type, String metadata) {
		return """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: %s
				spec:
				  type: %s
				  version: v1
				  metadata:%s
				""".formatted(name, type, metadata.isEmpty() ? " []" : "\n" + metadata);
	}

	private Map<String, String> metadataOf(String name) {
		return load().stream().filter((c) -> c.name().equals(name)).findFirst().orElseThrow().metadata();
	}

	@Test
	void secretKeyRefIsResolvedFromLocalFileStoreWithNestedKeys() throws IOException {
		Path secrets = this.folder.resolve("secrets.json");
		Files.writeString(secrets, "{\"kafka\":{\"password\":\"file-secret\"},\"plain\":\"p\"}");
		write("store.yaml", store("files", "secretstores.local.file", "  - name: secretsFile\n    value: " + secrets));
		write("binding.yaml", binding("files", """
				  - name: saslPassword
				    secretKeyRef:
				      name: kafka:password
				  - name: other
				    secretKeyRef:
				      name: plain
				      key: plain
				"""));
		assertThat(metadataOf("myevent")).containsEntry("saslPassword", "file-secret").containsEntry("other", "p");
	}

	@Test
	void multiValuedFileStoreGivesKeysOfATopLevelSecret() throws IOException {
		Path secrets = this.folder.resolve("secrets.json");
		Files.writeString(secrets, "{\"kafka\":{\"user\":\"u\",\"password\":\"pw\"}}");
		write("store.yaml", store("files", "secretstores.local.file",
				"  - name: secretsFile\n    value: " + secrets + "\n  - name: multiValued\n    value: \"true\""));
		write("binding.yaml", binding("files", """
				  - name: saslPassword
				    secretKeyRef:
				      name: kafka
				      key: password
				"""));
		assertThat(metadataOf("myevent")).containsEntry("saslPassword", "pw");
	}

	@Test
	void secretKeyRefIsResolvedFromEnvStoreWithPrefix() throws IOException {
		write("store.yaml", store("envs", "secretstores.local.env", "  - name: prefix\n    value: APP_"));
		write("binding.yaml", binding("envs", """
				  - name: saslPassword
				    secretKeyRef:
				      name: KAFKA_PASSWORD
				"""));
		assertThat(metadataOf("myevent")).containsEntry("saslPassword", "env-secret");
	}

	@Test
	void envStoreRefusesDaprVariables() throws IOException {
		write("store.yaml", store("envs", "secretstores.local.env", ""));
		write("binding.yaml", binding("envs", """
				  - name: token
				    secretKeyRef:
				      name: DAPR_API_TOKEN
				"""));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageContaining("metadata 'token' refers to secret 'DAPR_API_TOKEN' of secret store 'envs',"
					+ " which may not be read: environment variable 'DAPR_API_TOKEN': names starting with DAPR_")
			.withMessageNotContaining("dapr-token-value");
	}

	@Test
	void envStoreAppliesTheDenyListToThePrefixedName() throws IOException {
		write("store.yaml", store("envs", "secretstores.local.env", "  - name: prefix\n    value: dapr."));
		write("binding.yaml", binding("envs", """
				  - name: token
				    secretKeyRef:
				      name: api-token
				"""));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageContaining("environment variable 'dapr.api-token': names starting with DAPR_");
	}

	@Test
	void fileStoreAppliesTheDenyList() throws IOException {
		Path secrets = this.folder.resolve("secrets.json");
		Files.writeString(secrets, "{\"APP_API_TOKEN\":\"app-token-value\"}");
		write("store.yaml", store("files", "secretstores.local.file", "  - name: secretsFile\n    value: " + secrets));
		write("binding.yaml", binding("files", """
				  - name: token
				    secretKeyRef:
				      name: app.api.token
				      key: APP_API_TOKEN
				"""));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageContaining("metadata 'token' refers to secret 'app.api.token' of secret store 'files',"
					+ " which may not be read")
			.withMessageNotContaining("app-token-value");
	}

	@Test
	void springEnvironmentStoreRefusesTheStartersTokenAndDaprNames() throws IOException {
		write("store.yaml", store("spring", "secretstores.spring.environment", ""));
		for (String name : List.of("bindings.api-token", "DAPR_API_TOKEN")) {
			write("binding.yaml", binding("spring", """
					  - name: token
					    secretKeyRef:
					      name: %s
					""".formatted(name)));
			assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
				.withMessageContaining("metadata 'token' refers to secret '" + name + "' of secret store 'spring',"
						+ " which may not be read")
				.withMessageNotContaining("starter-token-value")
				.withMessageNotContaining("dapr-token-value");
		}
	}

	@Test
	void secretFileThatIsNotJsonFailsWithItsLineButNoneOfItsText() throws IOException {
		Path secrets = this.folder.resolve("secrets.json");
		Files.writeString(secrets, "{\n  \"db\": \"ok\",\n  \"kafka\": hunter2-s3cret\n}");
		write("store.yaml", store("files", "secretstores.local.file", "  - name: secretsFile\n    value: " + secrets));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageContaining("the secrets file '" + secrets + "' is not valid JSON (line 3, column")
			.withMessageNotContaining("hunter2")
			.withNoCause();
	}

	@Test
	void valuesFromSecretStoresAndTheEnvironmentAreSecrets() throws IOException {
		write("store.yaml", store("envs", "secretstores.local.env", "  - name: prefix\n    value: APP_"));
		write("binding.yaml", binding("envs", """
				  - name: consumeRetryInterval
				    secretKeyRef:
				      name: KAFKA_PASSWORD
				  - name: clientId
				    envRef: POD_NAME
				  - name: sessionTimeout
				    value: 10s
				  - name: saslPassword
				    value: written-in-the-file
				"""));
		ComponentDefinition component = load().stream()
			.filter((c) -> c.name().equals("myevent"))
			.findFirst()
			.orElseThrow();
		assertThat(component.isSecret("consumeRetryInterval")).isTrue();
		assertThat(component.isSecret("clientId")).isTrue();
		assertThat(component.isSecret("sessionTimeout")).isFalse();
		assertThat(component.isSecret("saslPassword")).isTrue();
		assertThat(component.secretValues()).containsExactly("env-secret", "pod-1", "written-in-the-file");
	}

	@Test
	void springEnvironmentStoreReadsProperties() throws IOException {
		write("store.yaml", store("spring", "secretstores.spring.environment", ""));
		write("binding.yaml", binding("spring", """
				  - name: saslPassword
				    secretKeyRef:
				      name: db.password
				"""));
		assertThat(metadataOf("myevent")).containsEntry("saslPassword", "spring-secret");
	}

	@Test
	void missingStoreFailsNamingItAndTheKey() throws IOException {
		write("binding.yaml", binding("vault", """
				  - name: saslPassword
				    secretKeyRef:
				      name: x
				"""));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageContaining("secret store 'vault'")
			.withMessageContaining("saslPassword");
	}

	@Test
	void secretValuesNeverAppearInToString() throws IOException {
		write("store.yaml", store("spring", "secretstores.spring.environment", ""));
		write("binding.yaml", binding("spring", """
				  - name: saslPassword
				    secretKeyRef:
				      name: db.password
				"""));
		assertThat(load()).allSatisfy((component) -> assertThat(component.toString()).doesNotContain("spring-secret"));
	}

	@Test
	void valuesNeverAppearInTheToStringOfTheComponentsBeforeResolution() {
		MetadataItem item = new MetadataItem("saslPassword", "written-secret", null, null, null);
		assertThat(item.toString()).contains("saslPassword").doesNotContain("written-secret");
		assertThat(
				new RawComponent("myevent", "bindings.kafka", "v1", List.of(item), List.of(), false, null, null, "test")
					.toString())
			.contains("saslPassword")
			.doesNotContain("written-secret");
		assertThat(new InlineComponent("myevent", "bindings.kafka", "v1", Map.of("saslPassword", "written-secret"),
				List.of(), false, "test")
			.toString()).contains("saslPassword").doesNotContain("written-secret");
	}

	@Test
	void templatesAreReplaced() throws IOException {
		write("binding.yaml", binding("none", """
				  - name: clientId
				    value: "{appID}-{podName}"
				  - name: group
				    value: "{namespace}"
				  - name: ids
				    value: "{uuid} {uuid}"
				"""));
		Map<String, String> metadata = load("prod", this.variables).get(0).metadata();
		assertThat(metadata).containsEntry("clientId", "orders-pod-1").containsEntry("group", "prod.orders");
		String[] ids = metadata.get("ids").split(" ");
		assertThat(ids[0]).hasSize(36).isNotEqualTo(ids[1]);
	}

	@Test
	void podNameTemplateWithoutPodNameFailsStartup() throws IOException {
		write("binding.yaml", binding("none", """
				  - name: clientId
				    value: "{podName}"
				"""));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(() -> load(null, Map.of()))
			.withMessageContaining(
					"failed to parse metadata: property clientId refers to {podName} but podName is not set");
	}

}
