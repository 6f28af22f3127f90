package dev.bindings.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.bindings.component.ManifestProblems.InvalidManifestException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Dapr component manifests from a folder, the way daprd's disk loader does: the
 * {@code *.yaml} and {@code *.yml} files of the folder (no recursion) in file-name order,
 * several documents per file, documents of other kinds skipped silently, a document that
 * cannot be parsed skipped with a warning naming the file.
 */
final class ComponentFileReader {

	static final String API_VERSION = "dapr.io/v1alpha1";

	static final String KIND = "Component";

	private static final Log logger = LogFactory.getLog(ComponentFileReader.class);

	/** Dapr splits documents on "\n---" followed by the end of the line. */
	private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*\\r?$");

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private ComponentFileReader() {
	}

	/**
	 * Read every component manifest of a folder.
	 * @param folder the folder
	 * @return the components, in file and document order
	 * @throws ComponentConfigurationException if the folder cannot be listed
	 */
	static List<RawComponent> readFolder(Path folder) {
		return readFolder(folder, ComponentFileReader::readDocument);
	}

	/**
	 * Parses one document of a manifest file.
	 */
	@FunctionalInterface
	interface DocumentParser<T> {

		@Nullable T parse(Path file, String document, int index, int firstLine);

	}

	static <T> List<T> readFolder(Path folder, DocumentParser<T> parser) {
		List<Path> files;
		try (Stream<Path> entries = Files.list(folder)) {
			files = entries.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::getFileName)).toList();
		}
		catch (IOException ex) {
			throw new ComponentConfigurationException(null, "components folder '" + folder + "'",
					"the folder cannot be read (" + ex + ")", "Check 'bindings.components-path'.", ex);
		}
		List<T> components = new ArrayList<>();
		for (Path file : files) {
			String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
			if (!fileName.endsWith(".yaml") && !fileName.endsWith(".yml")) {
				logger.warn("A non-YAML Component file " + file + " was detected, it will not be loaded");
				continue;
			}
			components.addAll(readFile(file, parser));
		}
		return components;
	}

	static <T> List<T> readFile(Path file, DocumentParser<T> parser) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ComponentConfigurationException(null, "file '" + file + "'",
					"the file cannot be read (" + ex + ")", null, ex);
		}
		List<T> components = new ArrayList<>();
		Matcher separators = DOCUMENT_SEPARATOR.matcher(content);
		int start = 0;
		int documentIndex = 1;
		while (true) {
			boolean found = separators.find();
			int end = found ? separators.start() : content.length();
			String document = content.substring(start, end);
			int firstLine = lineOf(content, start);
			T component = parser.parse(file, document, documentIndex, firstLine);
			if (component != null) {
				components.add(component);
			}
			if (!found) {
				break;
			}
			start = separators.end();
			documentIndex++;
		}
		return components;
	}

	private static int lineOf(String content, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (content.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	private static @Nullable RawComponent readDocument(Path file, String document, int index, int firstLine) {
		if (document.isBlank()) {
			return null;
		}
		String where = "file '" + file + "' (document " + index + ", line " + firstLine + ")";
		try {
			Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(document));
			if (!(root instanceof MappingNode mapping)) {
				return null;
			}
			if (!API_VERSION.equals(scalar(mapping, "apiVersion")) || !KIND.equals(scalar(mapping, "kind"))) {
				return null;
			}
			Node metadataNode = field(mapping, "metadata");
			String name = (metadataNode instanceof MappingNode md) ? scalar(md, "name") : null;
			String problem = invalidName(name);
			if (problem != null || name == null) {
				logger.warn("Skipping the component in " + where + ": " + problem);
				return null;
			}
			String namespace = (metadataNode instanceof MappingNode md) ? scalar(md, "namespace") : null;
			Node specNode = field(mapping, "spec");
			if (!(specNode instanceof MappingNode spec)) {
				logger.warn("Skipping component '" + name + "' in " + where + ": it has no 'spec'");
				return null;
			}
			String type = orEmpty(scalar(spec, "type"));
			String version = orEmpty(scalar(spec, "version"));
			boolean ignoreErrors = Boolean.parseBoolean(scalar(spec, "ignoreErrors"));
			List<MetadataItem> items = metadataItems(field(spec, "metadata"));
			Node authNode = field(mapping, "auth");
			String secretStore = (authNode instanceof MappingNode auth) ? scalar(auth, "secretStore") : null;
			List<String> scopes = strings(field(mapping, "scopes"));
			return new RawComponent(name, type, version, items, scopes, ignoreErrors, namespace, secretStore,
					"file '" + file + "'");
		}
		catch (RuntimeException ex) {
			// never the exception's message: SnakeYAML's quotes the offending line
			logger.warn("Skipping a document of " + where + " that cannot be parsed: "
					+ ManifestProblems.describe(ex, document, firstLine));
			return null;
		}
	}

	/**
	 * Kubernetes path-segment rules for {@code metadata.name}, as daprd checks them.
	 */
	static @Nullable String invalidName(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return "metadata.name is missing";
		}
		if (name.equals(".") || name.equals("..")) {
			return "metadata.name may not be '" + name + "'";
		}
		if (name.contains("/") || name.contains("%")) {
			return "metadata.name '" + name + "' may not contain '/' or '%'";
		}
		return null;
	}

	private static List<MetadataItem> metadataItems(@Nullable Node node) {
		List<MetadataItem> items = new ArrayList<>();
		if (!(node instanceof SequenceNode sequence)) {
			if (node != null && !isNull(node)) {
				throw new InvalidManifestException("spec.metadata", node.getStartMark(),
						"must be a list of {name, value} entries");
			}
			return items;
		}
		List<Node> entries = sequence.getValue();
		for (int i = 0; i < entries.size(); i++) {
			Node entry = entries.get(i);
			if (!(entry instanceof MappingNode item)) {
				throw new InvalidManifestException("spec.metadata[" + i + "]", entry.getStartMark(),
						"must be a mapping with 'name' and 'value'");
			}
			String name = scalar(item, "name");
			if (name == null || name.isEmpty()) {
				throw new InvalidManifestException("spec.metadata[" + i + "]", entry.getStartMark(), "has no 'name'");
			}
			Node valueNode = field(item, "value");
			String value = (valueNode == null || isNull(valueNode)) ? null : text(valueNode);
			String envRef = scalar(item, "envRef");
			Node secretNode = field(item, "secretKeyRef");
			String secretName = null;
			String secretKey = null;
			if (secretNode instanceof MappingNode secret) {
				secretName = scalar(secret, "name");
				secretKey = scalar(secret, "key");
			}
			items.add(new MetadataItem(name, value, envRef, secretName, secretKey));
		}
		return items;
	}

	/**
	 * A value as Dapr's {@code DynamicValue.String()} gives it: a scalar's text, a list
	 * or map as its JSON text.
	 */
	private static String text(Node node) {
		if (node instanceof ScalarNode scalar) {
			return scalar.getValue();
		}
		return jsonMapper.writeValueAsString(plain(node));
	}

	private static @Nullable Object plain(Node node) {
		if (node instanceof ScalarNode scalar) {
			if (isNull(scalar)) {
				return null;
			}
			Tag tag = scalar.getTag();
			if (Tag.BOOL.equals(tag)) {
				return Boolean.parseBoolean(scalar.getValue());
			}
			if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
				try {
					return new java.math.BigDecimal(scalar.getValue());
				}
				catch (NumberFormatException ex) {
					return scalar.getValue();
				}
			}
			return scalar.getValue();
		}
		if (node instanceof SequenceNode sequence) {
			List<Object> list = new ArrayList<>();
			for (Node element : sequence.getValue()) {
				list.add(plain(element));
			}
			return list;
		}
		Map<String, Object> map = new LinkedHashMap<>();
		for (NodeTuple tuple : ((MappingNode) node).getValue()) {
			map.put(text(tuple.getKeyNode()), plain(tuple.getValueNode()));
		}
		return map;
	}

	private static List<String> strings(@Nullable Node node) {
		List<String> values = new ArrayList<>();
		if (node instanceof SequenceNode sequence) {
			for (Node element : sequence.getValue()) {
				if (element instanceof ScalarNode scalar && !isNull(scalar)) {
					values.add(scalar.getValue());
				}
			}
		}
		return values;
	}

	private static boolean isNull(Node node) {
		return Tag.NULL.equals(node.getTag());
	}

	/**
	 * The value of a mapping key, matched like Go's encoding/json: an exact match first,
	 * then a case-insensitive one.
	 */
	private static @Nullable Node field(MappingNode mapping, String key) {
		Node folded = null;
		for (NodeTuple tuple : mapping.getValue()) {
			if (tuple.getKeyNode() instanceof ScalarNode keyNode) {
				if (keyNode.getValue().equals(key)) {
					return tuple.getValueNode();
				}
				if (folded == null && keyNode.getValue().equalsIgnoreCase(key)) {
					folded = tuple.getValueNode();
				}
			}
		}
		return folded;
	}

	private static @Nullable String scalar(MappingNode mapping, String key) {
		Node node = field(mapping, key);
		return (node instanceof ScalarNode scalar && !isNull(scalar)) ? scalar.getValue() : null;
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
