package dev.bindings.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a component file that cannot be read reports: the file, the line and the key,
 * never the text of the offending line (which may hold a password).
 */
@ExtendWith(OutputCaptureExtension.class)
class ComponentFileErrorsTests {

	private static final String SECRET = "hunter2-s3cret";

	/** Lines 1 to 8 of every file; the metadata item's value is on line 9. */
	private static final String HEAD = """
			apiVersion: dapr.io/v1alpha1
			kind: Component
			metadata:
			  name: myevent
			spec:
			  type: bindings.kafka
			  metadata:
			  - name: saslPassword
			""";

	@TempDir
	Path folder;

	private List<ComponentDefinition> load() {
		return new ComponentLoader("app1", null, (name) -> null, (name) -> null).load(List.of(this.folder), true,
				List.of());
	}

	private Path write(String file, String content) throws IOException {
		return Files.writeString(this.folder.resolve(file), content);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';',
			textBlock = """
					unclosed double quote     ; '    value: "%1$s{n}'                ; line 10 ; key spec.metadata[0].value (metadata 'saslPassword'), while scanning a quoted scalar: found unexpected end of stream
					unclosed single quote     ; '    value: ''%1$s{n}'               ; line 10 ; key spec.metadata[0].value (metadata 'saslPassword'), while scanning a quoted scalar: found unexpected end of stream
					colon in a plain value    ; '    value: %1$s: x{n}'              ; line 9  ; mapping values are not allowed here
					unknown escape            ; '    value: "{bs}q%1$s"{n}'          ; line 9  ; found an unknown escape character
					bad hexadecimal escape    ; '    value: "{bs}x%1$s"{n}'          ; line 9  ; expected escape sequence of 2 hexadecimal numbers, but found something else
					text after a quoted value ; '    value: "%1$s" %1$s{n}'          ; line 9  ; while parsing a block mapping: expected <block end>, but found '<scalar>'
					a tab for indentation     ; '    value: x{n}{t}%1$s: 1{n}'       ; line 10 ; found a character that cannot start any token (a tab: indent with spaces)
					missing colon             ; '    value: x{n}  metadata2 %1$s{n}' ; line 11 ; while scanning a simple key: could not find expected ':'
					unclosed flow sequence    ; '    value: [%1$s{n}'                ; line 10 ; while parsing a flow sequence: expected ',' or ']', but got <stream end>
					undefined alias           ; '    value: *%1$s{n}'                ; line 9  ; found an undefined alias
					undefined tag handle      ; '    value: !e!%1$s x{n}'            ; line 9  ; found an undefined tag handle
					block scalar indicator    ; '    value: |9%1$s{n}'               ; line 9  ; while scanning a block scalar: expected chomping or indentation indicators, but found something else
					""")
	void aDocumentThatCannotBeParsedIsSkippedNamingTheFileLineAndKeyButNotTheText(String name, String line,
			String position, String problem, CapturedOutput output) throws IOException {
		String text = line.formatted(SECRET).replace("{n}", "\n").replace("{t}", "\t").replace("{bs}", "\\");
		Path file = write("broken.yaml", HEAD + text);
		assertThat(load()).isEmpty();
		assertThat(output)
			.contains("Skipping a document of file '" + file + "' (document 1, line 1) that cannot be" + " parsed: "
					+ position + ", column ")
			.contains(problem)
			.doesNotContain("hunter2")
			.doesNotContain("s3cret");
	}

	@Test
	void theLineIsCountedFromTheStartOfTheFileInALaterDocument(CapturedOutput output) throws IOException {
		Path file = write("two.yaml",
				HEAD.replace("myevent", "first") + "    value: x\n---\n" + HEAD + "    value: \"" + SECRET + "\n");
		assertThat(load()).extracting(ComponentDefinition::name).containsExactly("first");
		assertThat(output)
			.contains("Skipping a document of file '" + file + "' (document 2, line 10) that cannot"
					+ " be parsed: line 20, column 1, key spec.metadata[0].value (metadata 'saslPassword')")
			.doesNotContain("hunter2");
	}

	@Test
	void metadataThatIsNotAListIsSkippedNamingTheKeyAndLine(CapturedOutput output) throws IOException {
		Path file = write("map.yaml", HEAD.replace("  - name: saslPassword\n", "    saslPassword: " + SECRET + "\n"));
		assertThat(load()).isEmpty();
		assertThat(output)
			.contains("Skipping a document of file '" + file + "' (document 1, line 1) that cannot be"
					+ " parsed: line 8, key spec.metadata: must be a list of {name, value} entries")
			.doesNotContain("hunter2");
	}

	@Test
	void aMetadataItemWithoutANameIsSkippedNamingItsIndex(CapturedOutput output) throws IOException {
		write("noname.yaml", HEAD + "    value: x\n  - value: " + SECRET + "\n");
		assertThat(load()).isEmpty();
		assertThat(output).contains("line 10, key spec.metadata[1]: has no 'name'").doesNotContain("hunter2");
	}

	@Test
	void anotherKindOfManifestThatCannotBeParsedIsSkippedWithoutItsText(CapturedOutput output) throws IOException {
		Path file = write("resiliency.yaml", """
				apiVersion: dapr.io/v1alpha1
				kind: Resiliency
				metadata:
				  name: myresiliency
				spec:
				  policies:
				    timeouts:
				      general: "%s
				""".formatted(SECRET));
		assertThat(DaprManifests.read(List.of(this.folder), "Resiliency", "app1")).isEmpty();
		assertThat(output)
			.contains("Skipping a document of file '" + file + "' (document 1, line 1) that cannot be"
					+ " parsed: line 9, column 1, key spec.policies.timeouts.*, while scanning a quoted scalar: found"
					+ " unexpected end of stream")
			.doesNotContain("hunter2");
	}

}
