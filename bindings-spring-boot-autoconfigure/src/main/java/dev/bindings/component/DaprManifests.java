package dev.bindings.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads Dapr manifests of a kind other than {@code Component} (such as
 * {@code Resiliency}) from the component folders, with the same file rules as components,
 * and the scopes rule.
 */
public final class DaprManifests {

	private static final Log logger = LogFactory.getLog(DaprManifests.class);

	private DaprManifests() {
	}

	/**
	 * One manifest.
	 *
	 * @param name {@code metadata.name}
	 * @param spec the {@code spec} as plain maps, lists and scalars
	 * @param origin the file and document it came from
	 */
	public record Manifest(String name, Map<String, Object> spec, String origin) {

	}

	/**
	 * Read the manifests of a kind from folders that exist, in order.
	 * @param folders the folders
	 * @param kind the kind, for example {@code Resiliency}
	 * @param appId the app ID that {@code scopes} are matched against
	 * @return the manifests that apply to this app
	 */
	public static List<Manifest> read(List<Path> folders, String kind, String appId) {
		List<Manifest> manifests = new ArrayList<>();
		for (Path folder : folders) {
			if (Files.isDirectory(folder)) {
				manifests.addAll(ComponentFileReader.readFolder(folder,
						(file, document, index, line) -> parse(file, document, index, line, kind, appId)));
			}
		}
		return manifests;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Manifest parse(Path file, String document, int index, int line, String kind,
			String appId) {
		if (document.isBlank()) {
			return null;
		}
		String origin = "file '" + file + "' (document " + index + ", line " + line + ")";
		Object loaded;
		try {
			loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(document);
		}
		catch (RuntimeException ex) {
			// never the exception's message: SnakeYAML's quotes the offending line
			logger.warn("Skipping a document of " + origin + " that cannot be parsed: "
					+ ManifestProblems.describe(ex, document, line));
			return null;
		}
		if (!(loaded instanceof Map<?, ?> map) || !ComponentFileReader.API_VERSION.equals(map.get("apiVersion"))
				|| !kind.equals(map.get("kind"))) {
			return null;
		}
		Object metadata = map.get("metadata");
		Object name = (metadata instanceof Map<?, ?> md) ? md.get("name") : null;
		Object scopes = map.get("scopes");
		if (scopes instanceof List<?> list && !list.isEmpty() && !list.contains(appId)) {
			return null;
		}
		Object spec = map.get("spec");
		return new Manifest((name != null) ? name.toString() : "",
				(spec instanceof Map<?, ?> s) ? (Map<String, Object>) s : Map.of(), origin);
	}

}
