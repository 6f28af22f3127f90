package dev.bindings.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ComponentLoader}: Dapr's disk loader rules.
 */
@ExtendWith(OutputCaptureExtension.class)
class ComponentLoaderTests {

	private static final String KAFKA = """
			apiVersion: dapr.io/v1alpha1
			kind: Component
			metadata:
			  name: %s
			spec:
			  type: bindings.kafka
			  version: v1
			  metadata:
			  - name: brokers
			    value: localhost:9092
			  - name: publishTopic
			    value: topic1
			""";

	@TempDir
	Path folder;

	private final ComponentLoader loader = new ComponentLoader("app1", null, (name) -> null,
			Map.of("MY_ENV", "from-env")::get);

	private List<ComponentDefinition> load() {
		return this.loader.load(List.of(this.folder), true, List.of());
	}

	private void write(String file, String content) throws IOException {
		Files.writeString(this.folder.resolve(file), content);
	}

	@Test
	void quickstartFileGivesOneComponentWithItsMetadata() throws IOException {
		write("binding.yaml", KAFKA.formatted("myevent"));
		List<ComponentDefinition> components = load();
		assertThat(components).singleElement().satisfies((component) -> {
			assertThat(component.name()).isEqualTo("myevent");
			assertThat(component.type()).isEqualTo("bindings.kafka");
			assertThat(component.version()).isEqualTo("v1");
			assertThat(component.metadata()).containsExactly(Map.entry("brokers", "localhost:9092"),
					Map.entry("publishTopic", "topic1"));
			assertThat(component.origin()).contains("binding.yaml");
		});
	}

	@Test
	void yamlAndYmlFilesAreReadInFileNameOrderAndOtherFilesAreNot(CapturedOutput output) throws IOException {
		write("b.yml", KAFKA.formatted("second"));
		write("a.YAML", KAFKA.formatted("first"));
		write("c.json", KAFKA.formatted("ignored"));
		assertThat(load()).extracting(ComponentDefinition::name).containsExactly("first", "second");
		assertThat(output).contains("A non-YAML Component file").contains("c.json");
	}

	@Test
	void subfoldersAreNotRead() throws IOException {
		Files.createDirectory(this.folder.resolve("nested"));
		Files.writeString(this.folder.resolve("nested/binding.yaml"), KAFKA.formatted("nested"));
		assertThat(load()).isEmpty();
	}

	@Test
	void severalDocumentsPerFileAreRead() throws IOException {
		write("all.yaml", KAFKA.formatted("one") + "---\n" + KAFKA.formatted("two") + "\n---\n");
		assertThat(load()).extracting(ComponentDefinition::name).containsExactly("one", "two");
	}

	@Test
	void documentsOfOtherKindsAreSkippedSilently(CapturedOutput output) throws IOException {
		write("mixed.yaml", """
				apiVersion: dapr.io/v1alpha1
				kind: Resiliency
				metadata:
				  name: resiliency
				spec: {}
				---
				apiVersion: dapr.io/v2
				kind: Component
				metadata:
				  name: other-version
				spec:
				  type: bindings.kafka
				---
				""" + KAFKA.formatted("kept"));
		assertThat(load()).extracting(ComponentDefinition::name).containsExactly("kept");
		assertThat(output).doesNotContain("resiliency").doesNotContain("other-version");
	}

	@Test
	void unparseableDocumentIsSkippedWithWarningNamingTheFileAndOthersStillLoad(CapturedOutput output)
			throws IOException {
		write("broken.yaml", "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata: [unclosed\n---\n"
				+ KAFKA.formatted("survivor"));
		assertThat(load()).extracting(ComponentDefinition::name).containsExactly("survivor");
		assertThat(output).contains("broken.yaml").contains("cannot be parsed");
	}

	@Test
	void invalidNameIsSkippedWithWarning(CapturedOutput output) throws IOException {
		write("bad.yaml", KAFKA.formatted("a/b"));
		assertThat(load()).isEmpty();
		assertThat(output).contains("may not contain '/' or '%'");
	}

	@Test
	void duplicateNameFailsNamingBothPlaces() throws IOException {
		write("a.yaml", KAFKA.formatted("myevent"));
		write("b.yaml", KAFKA.formatted("myevent"));
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageContaining(
					"duplicate definition of Component name myevent (bindings.kafka/v1) with existing myevent (bindings.kafka/v1)")
			.withMessageContaining("a.yaml")
			.withMessageContaining("b.yaml");
	}

	@Test
	void duplicateBetweenFileAndInlineDefinitionFails() throws IOException {
		write("a.yaml", KAFKA.formatted("myevent"));
		InlineComponent inline = new InlineComponent("myevent", "bindings.kafka", "v1", Map.of(), List.of(), false,
				"property 'bindings.components.myevent'");
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> this.loader.load(List.of(this.folder), true, List.of(inline)))
			.withMessageContaining("a.yaml")
			.withMessageContaining("property 'bindings.components.myevent'");
	}

	@Test
	void componentScopedToAnotherAppIsSkippedAndDoesNotCountAsDuplicate() throws IOException {
		write("a.yaml", KAFKA.formatted("myevent") + "scopes:\n- other-app\n");
		write("b.yaml", KAFKA.formatted("myevent") + "scopes:\n- app1\n");
		assertThat(load()).singleElement().satisfies((component) -> assertThat(component.origin()).contains("b.yaml"));
	}

	@Test
	void metadataScalarsOfAnyYamlTypeAreTakenAsText() throws IOException {
		write("types.yaml", """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: types
				spec:
				  type: bindings.kafka
				  metadata:
				  - name: number
				    value: 3
				  - name: flag
				    value: true
				  - name: decimal
				    value: 1.50
				  - name: list
				    value: [a, 1]
				  - name: empty
				""");
		assertThat(load().get(0).metadata()).containsExactly(Map.entry("number", "3"), Map.entry("flag", "true"),
				Map.entry("decimal", "1.50"), Map.entry("list", "[\"a\",1]"), Map.entry("empty", ""));
	}

	@Test
	void envRefIsReadOnlyWhenValueIsEmpty() throws IOException {
		write("env.yaml", """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: env
				spec:
				  type: bindings.kafka
				  metadata:
				  - name: fromEnv
				    envRef: MY_ENV
				  - name: valueWins
				    value: literal
				    envRef: MY_ENV
				  - name: emptyName
				    envRef: ""
				  - name: unset
				    envRef: NOT_SET
				""");
		ComponentDefinition component = load().get(0);
		assertThat(component.metadata()).containsExactly(Map.entry("fromEnv", "from-env"),
				Map.entry("valueWins", "literal"), Map.entry("emptyName", ""), Map.entry("unset", ""));
		assertThat(component.resolvedKeys()).containsExactlyInAnyOrder("fromEnv", "unset");
	}

	@Test
	void envRefToADaprVariableStopsStartupNamingTheComponentAndTheKey() throws IOException {
		write("env.yaml", """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: env
				spec:
				  type: bindings.kafka
				  metadata:
				  - name: token
				    envRef: dapr.api.token
				""");
		assertThatExceptionOfType(ComponentConfigurationException.class).isThrownBy(this::load)
			.withMessageStartingWith("Component 'env' in file '")
			.withMessageContaining("metadata 'token' refers to the environment variable 'dapr.api.token' (envRef),"
					+ " which may not be read: names starting with DAPR_");
	}

	@Test
	void envRefOutsideDaprEnvKeysIsRefusedWhenThatIsSet() throws IOException {
		write("env.yaml", """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: env
				spec:
				  type: bindings.kafka
				  metadata:
				  - name: listed
				    envRef: my_env
				  - name: other
				    envRef: OTHER_ENV
				""");
		Map<String, String> variables = Map.of("DAPR_ENV_KEYS", "SOME MY_ENV", "my_env", "listed-value", "OTHER_ENV",
				"other-value");
		ComponentLoader loader = new ComponentLoader("app1", null, (name) -> null, variables::get);
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> loader.load(List.of(this.folder), true, List.of()))
			.withMessageContaining("metadata 'other' refers to the environment variable 'OTHER_ENV' (envRef),"
					+ " which may not be read: the name is not listed in DAPR_ENV_KEYS")
			.withMessageNotContaining("other-value");
	}

	@Test
	void missingFolderFailsWhenConfiguredExplicitly() {
		Path missing = this.folder.resolve("missing");
		assertThatExceptionOfType(ComponentConfigurationException.class)
			.isThrownBy(() -> this.loader.load(List.of(missing), true, List.of()))
			.withMessageContaining("does not exist")
			.withMessageContaining("missing");
	}

	@Test
	void missingDefaultFolderIsIgnored() {
		assertThat(this.loader.load(List.of(this.folder.resolve("components")), false, List.of())).isEmpty();
	}

	@Test
	void foldersAreProcessedInOrder() throws IOException {
		Path second = Files.createDirectory(this.folder.resolve("second"));
		Files.writeString(second.resolve("a.yaml"), KAFKA.formatted("from-second"));
		write("z.yaml", KAFKA.formatted("from-first"));
		assertThat(this.loader.load(List.of(this.folder, second), true, List.of()))
			.extracting(ComponentDefinition::name)
			.containsExactly("from-first", "from-second");
	}

	@Test
	void manifestInAnotherNamespaceIsSkippedWhenNamespaceIsSet() throws IOException {
		write("ns.yaml", KAFKA.formatted("myevent").replace("  name: myevent", "  name: myevent\n  namespace: prod"));
		ComponentLoader staging = new ComponentLoader("app1", "staging", (name) -> null, (name) -> null);
		assertThat(staging.load(List.of(this.folder), true, List.of())).isEmpty();
		ComponentLoader prod = new ComponentLoader("app1", "prod", (name) -> null, (name) -> null);
		assertThat(prod.load(List.of(this.folder), true, List.of())).hasSize(1);
	}

	@Test
	void keysOfTheManifestMatchCaseInsensitively() throws IOException {
		write("case.yaml", """
				apiVersion: dapr.io/v1alpha1
				kind: Component
				Metadata:
				  Name: cased
				Spec:
				  Type: bindings.kafka
				  Metadata:
				  - Name: brokers
				    Value: localhost:9092
				""");
		assertThat(load()).singleElement().satisfies((component) -> {
			assertThat(component.name()).isEqualTo("cased");
			assertThat(component.metadata()).containsEntry("brokers", "localhost:9092");
		});
	}

}
