package dev.bindings.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secret store types this starter supports, created from their component definitions:
 * Dapr's {@code secretstores.local.env} (the process environment) and
 * {@code secretstores.local.file}, and {@code secretstores.spring.environment}, which
 * reads the Spring {@code Environment} (so any property source, such as a vault or a
 * config server, can feed Dapr component files). Every store refuses the names of
 * {@link DeniedNames}.
 */
final class SecretStores {

	static final String LOCAL_ENV = "secretstores.local.env";

	static final String LOCAL_FILE = "secretstores.local.file";

	static final String SPRING_ENVIRONMENT = "secretstores.spring.environment";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private SecretStores() {
	}

	static boolean isSecretStore(String type) {
		return type.toLowerCase(Locale.ROOT).startsWith("secretstores.");
	}

	/**
	 * Create a secret store.
	 * @param definition the store's component definition (metadata resolved)
	 * @param variables the process environment, for {@code secretstores.local.env}
	 * @param properties the Spring {@code Environment}'s properties, for
	 * {@code secretstores.spring.environment}
	 * @return the store
	 * @throws ComponentConfigurationException for an unknown type or invalid metadata
	 */
	static SecretStore create(ComponentDefinition definition, Function<String, @Nullable String> variables,
			Function<String, @Nullable String> properties) {
		ComponentMetadata metadata = ComponentMetadata.of(definition.metadata());
		return switch (definition.normalizedType()) {
			case LOCAL_ENV ->
				new LocalEnvStore((metadata.get("prefix") != null) ? metadata.get("prefix") : "", variables);
			case SPRING_ENVIRONMENT -> new SpringEnvironmentStore(properties);
			case LOCAL_FILE -> localFile(definition, metadata);
			default -> throw new ComponentConfigurationException(definition.name(), definition.origin(),
					"couldn't find secret store " + definition.logName(),
					"Use one of the supported secret store types: " + LOCAL_ENV + ", " + LOCAL_FILE + ", "
							+ SPRING_ENVIRONMENT + ".",
					null);
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
		String content;
		try {
			content = Files.readString(Path.of(file));
		}
		catch (IOException | RuntimeException ex) {
			throw new ComponentConfigurationException(definition.name(), definition.origin(),
					"cannot read the secrets file '" + file + "' (" + ex.getClass().getSimpleName() + ")",
					"Check the 'secretsFile' metadata.", null);
		}
		JsonNode root;
		try {
			root = jsonMapper.readTree(content);
		}
		catch (RuntimeException ex) {
			// the parser's message quotes the file's text: only its position is kept
			TokenStreamLocation location = (ex instanceof JacksonException jackson) ? jackson.getLocation() : null;
			String where = (location != null && location.getLineNr() > 0)
					? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
			throw new ComponentConfigurationException(definition.name(), definition.origin(),
					"the secrets file '" + file + "' is not valid JSON" + where, "Check the 'secretsFile' metadata.",
					null);
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

	/**
	 * {@code secretstores.local.env}: the environment variable {@code prefix + name}, as
	 * Dapr's store reads it; the deny list applies to the whole variable name.
	 */
	private record LocalEnvStore(String prefix, Function<String, @Nullable String> variables) implements SecretStore {

		@Override
		public Map<String, String> getSecret(String name) {
			String value = this.variables.apply(this.prefix + name);
			return (value != null) ? Map.of(name, value) : Map.of();
		}

		@Override
		public @Nullable String refusal(String name) {
			String refusal = DeniedNames.refusal(this.prefix + name);
			return (refusal != null) ? "environment variable '" + this.prefix + name + "': " + refusal : null;
		}

	}

	/**
	 * {@code secretstores.spring.environment}: a property of the Spring
	 * {@code Environment}; besides the deny list, the starter's API token is refused.
	 */
	private record SpringEnvironmentStore(Function<String, @Nullable String> properties) implements SecretStore {

		@Override
		public Map<String, String> getSecret(String name) {
			String value = this.properties.apply(name);
			return (value != null) ? Map.of(name, value) : Map.of();
		}

		@Override
		public @Nullable String refusal(String name) {
			return DeniedNames.springPropertyRefusal(name);
		}

	}

}
