package dev.bindings.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secret store types this starter supports, created from their component definitions:
 * Dapr's {@code secretstores.local.env} and {@code secretstores.local.file}, and
 * {@code secretstores.spring.environment}, which reads the Spring {@code Environment} (so
 * any property source, such as a vault or a config server, can feed Dapr component
 * files).
 */
final class SecretStores {

	static final String LOCAL_ENV = "secretstores.local.env";

	static final String LOCAL_FILE = "secretstores.local.file";

	static final String SPRING_ENVIRONMENT = "secretstores.spring.environment";

	private static final Log logger = LogFactory.getLog(SecretStores.class);

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private SecretStores() {
	}

	static boolean isSecretStore(String type) {
		return type.toLowerCase(Locale.ROOT).startsWith("secretstores.");
	}

	/**
	 * Create a secret store.
	 * @param definition the store's component definition (metadata resolved)
	 * @param environment the property lookup
	 * @return the store
	 * @throws ComponentConfigurationException for an unknown type or invalid metadata
	 */
	static SecretStore create(ComponentDefinition definition, Function<String, @Nullable String> environment) {
		ComponentMetadata metadata = ComponentMetadata.of(definition.metadata());
		return switch (definition.normalizedType()) {
			case LOCAL_ENV -> localEnv(metadata, environment);
			case SPRING_ENVIRONMENT -> (name) -> {
				String value = environment.apply(name);
				return (value != null) ? Map.of(name, value) : Map.of();
			};
			case LOCAL_FILE -> localFile(definition, metadata);
			default -> throw new ComponentConfigurationException(definition.name(), definition.origin(),
					"couldn't find secret store " + definition.logName(),
					"Use one of the supported secret store types: " + LOCAL_ENV + ", " + LOCAL_FILE + ", "
							+ SPRING_ENVIRONMENT + ".",
					null);
		};
	}

	private static SecretStore localEnv(ComponentMetadata metadata, Function<String, @Nullable String> environment) {
		String prefix = (metadata.get("prefix") != null) ? metadata.get("prefix") : "";
		return (name) -> {
			String key = prefix + name;
			if (key.equals("APP_API_TOKEN") || key.toUpperCase(Locale.ROOT).startsWith("DAPR_")) {
				logger.warn("Access to the environment variable '" + key + "' through a secret store is not allowed");
				return Map.of();
			}
			String value = environment.apply(key);
			return (value != null) ? Map.of(name, value) : Map.of();
		};
	}

	private static SecretStore localFile(ComponentDefinition definition, ComponentMetadata metadata) {
		String file = metadata.getNonEmpty("secretsFile");
		if (file == null) {
			throw new ComponentConfigurationException(definition.name(), definition.origin(),
					"missing local secrets file in metadata", "Set the 'secretsFile' metadata to a JSON file.", null);
		}
		String nestedSeparator = metadata.getNonEmpty("nestedSeparator");
		String separator = (nestedSeparator != null) ? nestedSeparator : ":";
		boolean multiValued = metadata.getBoolean("multiValued", false);
		JsonNode root;
		try {
			root = jsonMapper.readTree(Files.readString(Path.of(file)));
		}
		catch (IOException | RuntimeException ex) {
			throw new ComponentConfigurationException(definition.name(), definition.origin(),
					"cannot read the secrets file '" + file + "' as JSON (" + ex.getClass().getSimpleName() + ")",
					"Check the 'secretsFile' metadata.", ex);
		}
		if (root == null || !root.isObject()) {
			throw new ComponentConfigurationException(definition.name(), definition.origin(),
					"the secrets file '" + file + "' does not hold a JSON object", null, null);
		}
		Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
		if (multiValued) {
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				Map<String, String> values = new LinkedHashMap<>();
				flatten("", entry.getValue(), separator, values);
				secrets.put(entry.getKey(), values);
			}
		}
		else {
			Map<String, String> flat = new LinkedHashMap<>();
			flatten("", root, separator, flat);
			flat.forEach((key, value) -> secrets.put(key, Map.of(key, value)));
		}
		return (name) -> secrets.getOrDefault(name, Map.of());
	}

	private static void flatten(String prefix, JsonNode node, String separator, Map<String, String> into) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				String key = prefix.isEmpty() ? entry.getKey() : prefix + separator + entry.getKey();
				flatten(key, entry.getValue(), separator, into);
			}
		}
		else if (node.isValueNode()) {
			into.put(prefix, node.isString() ? node.stringValue() : node.toString());
		}
		else {
			into.put(prefix, node.toString());
		}
	}

}
