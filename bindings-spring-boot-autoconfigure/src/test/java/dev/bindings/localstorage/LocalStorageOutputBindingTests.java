package dev.bindings.localstorage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.bindings.BindingException;
import dev.bindings.BindingResponse;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.localstorage.autoconfigure.LocalStorageBindingsAutoConfiguration;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code bindings.localstorage} on a temporary folder, read back with the file
 * system.
 */
class LocalStorageOutputBindingTests {

	@TempDir
	Path root;

	private DefaultOutputBindingRegistry registry;

	private DefaultBindingClient client(Map<String, String> extra) {
		Map<String, String> metadata = new HashMap<>(extra);
		metadata.put("rootPath", this.root.toString());
		this.registry = new DefaultOutputBindingRegistry(List.of(new ComponentDefinition("files",
				"bindings.localstorage", "v1", metadata, List.of(), false, null, "test")),
				List.of(new LocalStorageOutputBindingFactory()));
		return new DefaultBindingClient(this.registry, JsonMapper.builder().build()::writeValueAsBytes);
	}

	private DefaultBindingClient client() {
		return client(Map.of());
	}

	@AfterEach
	void close() {
		if (this.registry != null) {
			this.registry.destroy();
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void createWritesTheFileAndAnswersItsName() throws Exception {
		BindingResponse response = client().invoke("files", "create", utf8("hello world"), Map.of("fileName", "a.txt"));
		assertThat(response.dataAsString()).isEqualTo("{\"fileName\":\"a.txt\"}");
		assertThat(Files.readString(this.root.resolve("a.txt"))).isEqualTo("hello world");
	}

	@Test
	void createWithoutFileNameUsesAUuid() {
		String answer = client().invoke("files", "create", utf8("x!"), Map.of()).dataAsString();
		assertThat(answer).matches("\\{\"fileName\":\"[0-9a-f-]{36}\"\\}");
	}

	@Test
	void jsonStringIsUnquotedAndBase64IsDecodedAsDaprDoes() throws Exception {
		DefaultBindingClient client = client();
		client.invoke("files", "create", utf8("\"aGVsbG8=\""), Map.of("fileName", "b64"));
		assertThat(Files.readString(this.root.resolve("b64"))).isEqualTo("hello");
		client.invoke("files", "create", utf8("\"test\""), Map.of("fileName", "gotcha"));
		assertThat(Files.readAllBytes(this.root.resolve("gotcha"))).containsExactly(0xb5, 0xeb, 0x2d);
		client.invoke("files", "create", utf8("\"not base64!\""), Map.of("fileName", "text"));
		assertThat(Files.readString(this.root.resolve("text"))).isEqualTo("not base64!");
	}

	@Test
	void decodeBase64FalseStoresStringsAsText() throws Exception {
		client(Map.of("decodeBase64", "false")).invoke("files", "create", utf8("\"test\""), Map.of("fileName", "t"));
		assertThat(Files.readString(this.root.resolve("t"))).isEqualTo("test");
	}

	@Test
	void createMakesSubfolders() throws Exception {
		client().invoke("files", "create", utf8("x!"), Map.of("fileName", "a/b/c.txt"));
		assertThat(Files.readString(this.root.resolve("a/b/c.txt"))).isEqualTo("x!");
	}

	@Test
	void getReturnsTheRawFile() throws Exception {
		Files.write(this.root.resolve("raw.bin"), new byte[] { 0, 1, 2, (byte) 0xff });
		assertThat(client().invoke("files", "get", null, Map.of("fileName", "raw.bin")).data()).containsExactly(0, 1, 2,
				0xff);
	}

	@Test
	void getOfAMissingFileFailsWithDaprMessage() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client().invoke("files", "get", null, Map.of("fileName", "nope")))
			.withMessage("error invoking output binding files: file not found: " + this.root.resolve("nope"));
	}

	@Test
	void listReturnsTheFilesAsAJsonArray() throws Exception {
		DefaultBindingClient client = client();
		assertThat(client.invoke("files", "list", null, Map.of()).dataAsString()).isEqualTo("null");
		Files.writeString(this.root.resolve("one"), "1");
		Files.createDirectories(this.root.resolve("sub"));
		Files.writeString(this.root.resolve("sub/two"), "2");
		assertThat(client.invoke("files", "list", null, Map.of()).dataAsString())
			.isEqualTo("[\"" + this.root.resolve("one") + "\",\"" + this.root.resolve("sub/two") + "\"]");
		assertThat(client.invoke("files", "list", null, Map.of("fileName", "sub")).dataAsString())
			.isEqualTo("[\"" + this.root.resolve("sub/two") + "\"]");
	}

	@Test
	void deleteRemovesTheFileAndAnswersNoContent() throws Exception {
		Files.writeString(this.root.resolve("gone"), "x");
		assertThat(client().invoke("files", "delete", null, Map.of("fileName", "gone")).hasContent()).isFalse();
		assertThat(this.root.resolve("gone")).doesNotExist();
	}

	@Test
	void namesThatLeaveTheRootAreRefused() {
		DefaultBindingClient client = client();
		for (String name : new String[] { "../escape", "a/../../escape", "/etc/passwd" }) {
			assertThatExceptionOfType(BindingException.class)
				.isThrownBy(() -> client.invoke("files", "create", utf8("x!"), Map.of("fileName", name)))
				.withMessageContaining("invalid fileName");
			assertThatExceptionOfType(BindingException.class)
				.isThrownBy(() -> client.invoke("files", "get", null, Map.of("fileName", name)))
				.withMessageContaining("invalid fileName");
		}
		assertThat(this.root.getParent().resolve("escape")).doesNotExist();
	}

	@Test
	void symbolicLinksThatEscapeAreRefused(@TempDir Path outside) throws Exception {
		Files.writeString(outside.resolve("secret"), "s3cret");
		Files.createSymbolicLink(this.root.resolve("link"), outside);
		Files.createSymbolicLink(this.root.resolve("file-link"), outside.resolve("secret"));
		DefaultBindingClient client = client();
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("files", "get", null, Map.of("fileName", "link/secret")))
			.withMessageContaining("symbolic link");
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("files", "get", null, Map.of("fileName", "file-link")))
			.withMessageContaining("symbolic link");
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("files", "create", utf8("x!"), Map.of("fileName", "link/new")));
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("files", "create", utf8("x!"), Map.of("fileName", "file-link")));
		assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("s3cret");
		assertThat(outside.resolve("new")).doesNotExist();
	}

	@Test
	void missingFileNameForGetIsAnError() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client().invoke("files", "get", null, Map.of()))
			.withMessageContaining("'fileName' is missing");
	}

	@Test
	void disallowedRootIsRefusedAtStartup() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new LocalStorageOutputBindingFactory().create(new ComponentDefinition("x",
					"bindings.localstorage", "v1", Map.of("rootPath", "/proc/self"), List.of(), false, null, "test")))
			.withMessageContaining("disallowed location");
	}

	@Test
	void autoConfigurationCreatesTheBinding() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					LocalStorageBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.files.type=bindings.localstorage",
					"bindings.components.files.metadata.rootPath=" + this.root)
			.run((context) -> assertThat(context).hasBean("files"));
	}

}
