package dev.bindings.localstorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.support.ResponseSizeLimit;

/**
 * Creates {@code bindings.localstorage} bindings. Metadata: {@code rootPath} (required,
 * created at startup; {@code /proc}, {@code /sys}, {@code /boot} and
 * {@code /var/run/secrets} are refused, as in Dapr) and {@code decodeBase64} (default
 * {@code true}, see {@link LocalStorageOutputBinding}). A file that {@code get} reads,
 * and the listing {@code list} answers, may not be larger than the factory's maximum
 * response size (the application's {@code bindings.limits.max-response-size}).
 */
public class LocalStorageOutputBindingFactory implements OutputBindingFactory {

	private static final List<Path> DISALLOWED = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/boot"),
			Path.of("/var/run/secrets"));

	private final long maxResponseSize;

	/**
	 * Create a factory whose bindings read files up to {@value ResponseSizeLimit#DEFAULT}
	 * bytes, the default of {@code bindings.limits.max-response-size}.
	 */
	public LocalStorageOutputBindingFactory() {
		this(ResponseSizeLimit.DEFAULT);
	}

	/**
	 * Create a factory.
	 * @param maxResponseSize the largest file, in bytes, that {@code get} answers (and
	 * the largest listing of {@code list})
	 */
	public LocalStorageOutputBindingFactory(long maxResponseSize) {
		this.maxResponseSize = ResponseSizeLimit.check(maxResponseSize);
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
