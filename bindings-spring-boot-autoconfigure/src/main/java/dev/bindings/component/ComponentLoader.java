package dev.bindings.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Loads the component definitions of an app: from folders of Dapr component YAML files
 * (processed in the order given) and from inline definitions, with Dapr's rules for
 * scopes, namespaces and duplicate names, and with metadata resolved.
 */
public final class ComponentLoader {

	private static final Log logger = LogFactory.getLog(ComponentLoader.class);

	private final String appId;

	private final @Nullable String namespace;

	private final Function<String, @Nullable String> properties;

	private final Function<String, @Nullable String> variables;

	/**
	 * Create a loader. Environment variables ({@code envRef},
	 * {@code secretstores.local.env}, {@code POD_NAME}, {@code DAPR_ENV_KEYS}) are read
	 * from the process environment, as daprd reads them.
	 * @param appId the app ID that {@code scopes} are matched against (may be empty)
	 * @param namespace the process namespace (Dapr's {@code NAMESPACE}), or {@code null}
	 * @param properties looks up the properties of the Spring {@code Environment}, for
	 * {@code secretstores.spring.environment}
	 */
	public ComponentLoader(String appId, @Nullable String namespace, Function<String, @Nullable String> properties) {
		this(appId, namespace, properties, System::getenv);
	}

	/**
	 * Create a loader that reads environment variables from a lookup of its own (for
	 * tests that cannot set the process environment).
	 * @param appId the app ID that {@code scopes} are matched against (may be empty)
	 * @param namespace the process namespace, or {@code null}
	 * @param properties looks up the properties of the Spring {@code Environment}
	 * @param variables looks up environment variables
	 */
	ComponentLoader(String appId, @Nullable String namespace, Function<String, @Nullable String> properties,
			Function<String, @Nullable String> variables) {
		this.appId = appId;
		this.namespace = namespace;
		this.properties = properties;
		this.variables = variables;
	}

	/**
	 * Load all components.
	 * @param folders the component folders, in order
	 * @param foldersRequired whether a missing folder is an error (it is when the folders
	 * were configured explicitly)
	 * @param inline the components declared in application configuration
	 * @return the component definitions that apply to this app, in load order
	 * @throws ComponentConfigurationException for a missing folder or a duplicate name
	 */
	public List<ComponentDefinition> load(List<Path> folders, boolean foldersRequired, List<InlineComponent> inline) {
		List<RawComponent> raw = new ArrayList<>();
		for (Path folder : folders) {
			if (!Files.isDirectory(folder)) {
				if (foldersRequired) {
					throw new ComponentConfigurationException(null,
							"components folder '" + folder.toAbsolutePath() + "'", "the folder does not exist",
							"Create the folder or correct 'bindings.components-path'.", null);
				}
				logger.debug("No components folder at " + folder.toAbsolutePath());
				continue;
			}
			raw.addAll(ComponentFileReader.readFolder(folder));
		}
		for (InlineComponent component : inline) {
			List<MetadataItem> items = new ArrayList<>();
			component.metadata().forEach((key, value) -> items.add(MetadataItem.of(key, value)));
			raw.add(new RawComponent(component.name(), component.type(), component.version(), items, component.scopes(),
					component.ignoreErrors(), null, null, component.origin()));
		}
		Map<String, RawComponent> kept = new LinkedHashMap<>();
		for (RawComponent component : raw) {
			if (!inNamespace(component) || !inScope(component)) {
				continue;
			}
			RawComponent existing = kept.get(component.name());
			if (existing != null) {
				throw new ComponentConfigurationException(component.name(), component.origin(),
						"duplicate definition of Component name " + component.logName() + " with existing "
								+ existing.logName() + " from " + existing.origin(),
						"Give each component a unique name, or remove one of the two definitions.", null);
			}
			kept.put(component.name(), component);
		}
		// secret stores go first, as in daprd; they cannot use secretKeyRef themselves
		Map<String, SecretStore> stores = new LinkedHashMap<>();
		Map<String, ComponentDefinition> resolved = new LinkedHashMap<>();
		for (RawComponent component : kept.values()) {
			if (SecretStores.isSecretStore(component.type())) {
				ComponentDefinition definition = resolve(component, Map.of());
				resolved.put(component.name(), definition);
				stores.put(component.name(), SecretStores.create(definition, this.variables, this.properties));
			}
		}
		List<ComponentDefinition> definitions = new ArrayList<>(kept.size());
		for (RawComponent component : kept.values()) {
			ComponentDefinition definition = resolved.get(component.name());
			definitions.add((definition != null) ? definition : resolve(component, stores));
		}
		return definitions;
	}

	private boolean inNamespace(RawComponent component) {
		if (this.namespace == null || this.namespace.isEmpty() || component.namespace() == null
				|| component.namespace().isEmpty()) {
			return true;
		}
		return this.namespace.equals(component.namespace());
	}

	private boolean inScope(RawComponent component) {
		if (component.scopes().isEmpty() || component.scopes().contains(this.appId)) {
			return true;
		}
		logger.debug("Component " + component.logName() + " is not scoped to app '" + this.appId + "'");
		return false;
	}

	private ComponentDefinition resolve(RawComponent component, Map<String, SecretStore> stores) {
		Map<String, String> metadata = new LinkedHashMap<>();
		Set<String> resolvedKeys = new HashSet<>();
		for (MetadataItem item : component.metadata()) {
			String value = (item.value() != null) ? item.value() : "";
			String secretName = item.secretName();
			if (value.isEmpty() && secretName != null && !secretName.isEmpty()) {
				value = secret(component, item, secretName, stores);
				resolvedKeys.add(item.name());
			}
			if (value.isEmpty() && item.envRef() != null && !item.envRef().isEmpty()) {
				value = envRef(component, item);
				resolvedKeys.add(item.name());
			}
			metadata.put(item.name(), applyTemplates(component, item.name(), value));
		}
		return new ComponentDefinition(component.name(), component.type(), component.version(), metadata,
				component.scopes(), component.ignoreErrors(), component.namespace(), component.origin(), resolvedKeys);
	}

	/**
	 * Dapr's {@code secretKeyRef}: the secret {@code name} of the component's
	 * {@code auth.secretStore}, key {@code key} (default: the name). Unlike daprd, which
	 * logs and leaves the value empty, a secret that cannot be resolved stops startup: an
	 * empty password only fails later, and less clearly.
	 */
	private String secret(RawComponent component, MetadataItem item, String secretName,
			Map<String, SecretStore> stores) {
		String storeName = component.secretStore();
		if (storeName == null || storeName.isEmpty()) {
			throw new ComponentConfigurationException(component.name(), component.origin(),
					"metadata '" + item.name() + "' uses secretKeyRef but the component names no secret store",
					"Set 'auth: {secretStore: <name>}' on the component and declare that secret store.", null);
		}
		if (SecretStores.isSecretStore(component.type())) {
			throw new ComponentConfigurationException(component.name(), component.origin(),
					"metadata '" + item.name() + "' of a secret store cannot use secretKeyRef", null, null);
		}
		SecretStore store = stores.get(storeName);
		if (store == null) {
			throw new ComponentConfigurationException(component.name(), component.origin(),
					"secret store '" + storeName + "' of metadata '" + item.name() + "' is not loaded",
					"Declare a component named '" + storeName + "' of a secret store type (" + SecretStores.LOCAL_ENV
							+ ", " + SecretStores.LOCAL_FILE + " or " + SecretStores.SPRING_ENVIRONMENT
							+ ") in the same components folder.",
					null);
		}
		String refusal = store.refusal(secretName);
		if (refusal != null) {
			throw new ComponentConfigurationException(component.name(), component.origin(),
					"metadata '" + item.name() + "' refers to secret '" + secretName + "' of secret store '" + storeName
							+ "', which may not be read: " + refusal,
					"Keep Dapr's and the starter's own tokens out of components: refer to a secret of another name.",
					null);
		}
		String secretKey = item.secretKey();
		String key = (secretKey != null && !secretKey.isEmpty()) ? secretKey : secretName;
		String value = store.getSecret(secretName).get(key);
		if (value == null || value.isEmpty()) {
			throw new ComponentConfigurationException(component.name(), component.origin(),
					"secret '" + secretName + "' (key '" + key + "') of metadata '" + item.name()
							+ "' was not found in secret store '" + storeName + "'",
					"Add the secret to the store, or correct the secretKeyRef.", null);
		}
		return value;
	}

	/**
	 * Dapr's metadata templates: {@code {uuid}} (a new UUID per occurrence),
	 * {@code {appID}}, {@code {namespace}} ({@code <namespace>.<appID>}) and
	 * {@code {podName}} (from {@code POD_NAME}).
	 */
	private String applyTemplates(RawComponent component, String key, String value) {
		if (value.indexOf('{') < 0) {
			return value;
		}
		String result = value;
		while (result.contains("{uuid}")) {
			result = result.replaceFirst("\\{uuid\\}", UUID.randomUUID().toString());
		}
		if (result.contains("{podName}")) {
			String podName = this.variables.apply("POD_NAME");
			if (podName == null || podName.isEmpty()) {
				throw new ComponentConfigurationException(component.name(), component.origin(),
						"failed to parse metadata: property " + key + " refers to {podName} but podName is not set",
						"Set the POD_NAME environment variable.", null);
			}
			result = result.replace("{podName}", podName);
		}
		result = result.replace("{namespace}", ((this.namespace != null) ? this.namespace : "") + "." + this.appId);
		return result.replace("{appID}", this.appId);
	}

	/**
	 * Dapr's {@code envRef}: the environment variable, read from the process environment
	 * only when the value is empty. A name that {@link DeniedNames} refuses stops startup
	 * (daprd logs a warning and leaves the value empty).
	 */
	private String envRef(RawComponent component, MetadataItem item) {
		String name = (item.envRef() != null) ? item.envRef() : "";
		String refusal = DeniedNames.envRefRefusal(name, this.variables);
		if (refusal != null) {
			throw new ComponentConfigurationException(component.name(), component.origin(),
					"metadata '" + item.name() + "' refers to the environment variable '" + name
							+ "' (envRef), which may not be read: " + refusal,
					"Keep Dapr's own variables out of components: refer to a variable of another name.", null);
		}
		String value = this.variables.apply(name);
		return (value != null) ? value : "";
	}

}
