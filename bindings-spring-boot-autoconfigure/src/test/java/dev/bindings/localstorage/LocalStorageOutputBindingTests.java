package dev.bindings.localstorage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.BindingResponse;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.localstorage.autoconfigure.LocalStorageBindingsAutoConfiguration;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import dev.bindings.support.ResponseSizeLimit;
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
		return client(extra, ResponseSizeLimit.DEFAULT);
	}

	private DefaultBindingClient client(Map<String, String> extra, long maxResponseSize) {
		Map<String, String> metadata = new HashMap<>(extra);
		metadata.put("rootPath", this.root.toString());
		this.registry = new DefaultOutputBindingRegistry(List.of(new ComponentDefinition("files",
				"bindings.localstorage", "v1", metadata, List.of(), false, null, "test")),
				List.of(new LocalStorageOutputBindingFactory(maxResponseSize)));
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
	void createMakesNoFolderThroughALinkThatLeavesTheRoot(@TempDir Path outside) throws Exception {
		Files.createSymbolicLink(this.root.resolve("link"), outside);
		Files.createDirectories(this.root.resolve("inside"));
		Files.createSymbolicLink(this.root.resolve("inside/deeper"), outside);
		DefaultBindingClient client = client();
		for (String name : List.of("link/sub/new", "link/sub/more/new", "inside/deeper/sub/new")) {
			assertThatExceptionOfType(BindingException.class)
				.isThrownBy(() -> client.invoke("files", "create", utf8("x!"), Map.of("fileName", name)))
				.withMessage("error invoking output binding files: invalid fileName " + name
						+ ": it resolves through a symbolic link to a place outside rootPath");
		}
		try (Stream<Path> made = Files.list(outside)) {
			assertThat(made).isEmpty();
		}
	}

	@Test
	void linksThatStayInsideTheRootAreFollowed() throws Exception {
		Files.createDirectories(this.root.resolve("real"));
		Files.createSymbolicLink(this.root.resolve("alias"), this.root.resolve("real"));
		Files.writeString(this.root.resolve("real/data.txt"), "data");
		Files.createSymbolicLink(this.root.resolve("data-link"), this.root.resolve("real/data.txt"));
		DefaultBindingClient client = client();
		client.invoke("files", "create", utf8("x!"), Map.of("fileName", "alias/sub/new.txt"));
		assertThat(Files.readString(this.root.resolve("real/sub/new.txt"))).isEqualTo("x!");
		assertThat(client.invoke("files", "get", null, Map.of("fileName", "alias/data.txt")).dataAsString())
			.isEqualTo("data");
		assertThat(client.invoke("files", "get", null, Map.of("fileName", "data-link")).dataAsString())
			.isEqualTo("data");
		assertThat(client.invoke("files", "list", null, Map.of("fileName", "alias")).dataAsString()).isEqualTo(
				"[\"" + this.root.resolve("alias/data.txt") + "\",\"" + this.root.resolve("alias/sub/new.txt") + "\"]");
	}

	@Test
	void deleteAndListDoNotGoThroughALinkThatLeavesTheRoot(@TempDir Path outside) throws Exception {
		Files.writeString(outside.resolve("secret"), "s3cret");
		Files.createSymbolicLink(this.root.resolve("link"), outside);
		Files.createSymbolicLink(this.root.resolve("file-link"), outside.resolve("secret"));
		DefaultBindingClient client = client();
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("files", "delete", null, Map.of("fileName", "link/secret")))
			.withMessageContaining("symbolic link to a place outside rootPath");
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("files", "list", null, Map.of("fileName", "link")))
			.withMessageContaining("symbolic link to a place outside rootPath");
		// the links are entries of the root, listed as Go's filepath.Walk does, not
		// followed
		assertThat(client.invoke("files", "list", null, Map.of()).dataAsString())
			.isEqualTo("[\"" + this.root.resolve("file-link") + "\",\"" + this.root.resolve("link") + "\"]");
		// deleting a link deletes the link, never its target
		client.invoke("files", "delete", null, Map.of("fileName", "file-link"));
		assertThat(this.root.resolve("file-link")).doesNotExist();
		assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("s3cret");
	}

	@Test
	void aFolderReplacedByALinkAfterTheCheckIsNotFollowed(@TempDir Path outside) throws Exception {
		Files.writeString(outside.resolve("secret"), "s3cret");
		Files.createSymbolicLink(this.root.resolve("swapped"), outside);
		RootFolder folder = new RootFolder(this.root.toRealPath());
		// as if the check had seen a folder here and a link replaced it before the open
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> folder.inFolder(this.root.toRealPath().resolve("swapped"), "swapped/secret",
					(opened) -> opened.names()))
			.withMessage("invalid fileName swapped/secret: it resolves through a symbolic link to a place outside "
					+ "rootPath");
	}

	@Test
	void getOfAFileOverTheLimitFailsNamingTheProperty() throws Exception {
		Files.write(this.root.resolve("big"), new byte[2048]);
		Files.write(this.root.resolve("small"), new byte[1024]);
		DefaultBindingClient client = client(Map.of(), 1024);
		assertThat(client.invoke("files", "get", null, Map.of("fileName", "small")).data()).hasSize(1024);
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("files", "get", null, Map.of("fileName", "big")))
			.withMessage("error invoking output binding files: error reading file " + this.root.resolve("big")
					+ ": it is larger than 1KB, the limit set by bindings.limits.max-response-size");
	}

	@Test
	void listOverTheLimitFailsNamingTheProperty() throws Exception {
		for (int i = 0; i < 100; i++) {
			Files.writeString(this.root.resolve("file-" + i), "x");
		}
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client(Map.of(), 1024).invoke("files", "list", null, Map.of()))
			.withMessageContaining(
					"the listing is larger than 1KB, the limit set by bindings.limits.max-response-size");
	}

	@Test
	void autoConfigurationAppliesTheApplicationsLimit() throws Exception {
		Files.write(this.root.resolve("big"), new byte[2048]);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					LocalStorageBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.files.type=bindings.localstorage",
					"bindings.components.files.metadata.rootPath=" + this.root, "bindings.limits.max-response-size=1KB")
			.run((context) -> assertThatExceptionOfType(BindingException.class).isThrownBy(
					() -> context.getBean(BindingClient.class).invoke("files", "get", null, Map.of("fileName", "big")))
				.withMessageContaining("larger than 1KB, the limit set by bindings.limits.max-response-size"));
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
