package dev.bindings.localstorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.OutputBindingFactory;

/**
 * Creates {@code bindings.localstorage} bindings. Metadata: {@code rootPath} (required,
 * created at startup; {@code /proc}, {@code /sys}, {@code /boot} and
 * {@code /var/run/secrets} are refused, as in Dapr) and {@code decodeBase64} (default
 * {@code true}, see {@link LocalStorageOutputBinding}). A file that {@code get} reads,
 * and the listing {@code list} answers, may not be larger than the factory's maximum
 * response size (the application's {@code bindings.limits.max-response-size}).
 */
public class LocalStorageOutputBindingFactory implements OutputBindingFactory {

	/**
	 * The maximum response size of a factory created without one: 16MB, the default of
	 * {@code bindings.limits.max-response-size}.
	 */
	public static final long DEFAULT_MAX_RESPONSE_SIZE = 16L * 1024 * 1024;

	private static final List<Path> DISALLOWED = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/boot"),
			Path.of("/var/run/secrets"));

	private final long maxResponseSize;

	/**
	 * Create a factory whose bindings read files up to
	 * {@link #DEFAULT_MAX_RESPONSE_SIZE}.
	 */
	public LocalStorageOutputBindingFactory() {
		this(DEFAULT_MAX_RESPONSE_SIZE);
	}

	/**
	 * Create a factory.
	 * @param maxResponseSize the largest file, in bytes, that {@code get} answers (and
	 * the largest listing of {@code list})
	 */
	public LocalStorageOutputBindingFactory(long maxResponseSize) {
		if (maxResponseSize <= 0) {
			throw new IllegalArgumentException("bindings.limits.max-response-size must be positive");
		}
		this.maxResponseSize = maxResponseSize;
	}

	@Override
	public String type() {
		return "bindings.localstorage";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) throws IOException {
		ComponentMetadata metadata = ComponentMetadata.of(component.metadata());
		String rootPath = metadata.require("rootPath", "failed to parse metadata: property rootPath must not be empty");
		Path root = Path.of(rootPath).toAbsolutePath().normalize();
		Path existing = root;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		Path resolved = (existing != null) ? existing.toRealPath().resolve(existing.relativize(root)) : root;
		if (Files.exists(root) && !Files.isDirectory(root)) {
			throw new IllegalArgumentException(
					"failed to parse metadata: property rootPath represents a file and not a directory");
		}
		for (Path disallowed : DISALLOWED) {
			if (resolved.startsWith(disallowed)) {
				throw new IllegalArgumentException(
						"failed to parse metadata: property rootPath points to a disallowed location");
			}
		}
		Files.createDirectories(resolved);
		return new LocalStorageOutputBinding(component.name(), resolved.toRealPath(),
				metadata.getBoolean("decodeBase64", true), this.maxResponseSize);
	}

}
