package dev.bindings.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One Dapr component, as declared in a component YAML file or in
 * {@code bindings.components.<name>}: its name, type, version and resolved metadata.
 *
 * @param name the component name ({@code metadata.name})
 * @param type the component type as written, for example {@code bindings.kafka}
 * @param version the component version as written, for example {@code v1} (may be empty)
 * @param metadata the resolved metadata values, in declaration order
 * @param scopes the app IDs this component is scoped to (empty for all)
 * @param ignoreErrors whether a failure to create this component is logged and skipped
 * @param namespace the manifest's namespace, if any
 * @param origin where the component was declared, for error messages
 * @param resolvedKeys the metadata keys whose values came from a secret store
 * ({@code secretKeyRef}) or an environment variable ({@code envRef})
 */
public record ComponentDefinition(String name, String type, String version, Map<String, String> metadata,
		List<String> scopes, boolean ignoreErrors, @Nullable String namespace, String origin,
		Set<String> resolvedKeys) {

	private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token", "key",
			"credential", "connectionstring");

	public ComponentDefinition {
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
		scopes = List.copyOf(scopes);
		resolvedKeys = Set.copyOf(resolvedKeys);
	}

	/**
	 * A component whose metadata values are all written in its definition.
	 * @param name the component name ({@code metadata.name})
	 * @param type the component type as written
	 * @param version the component version as written (may be empty)
	 * @param metadata the metadata values, in declaration order
	 * @param scopes the app IDs this component is scoped to (empty for all)
	 * @param ignoreErrors whether a failure to create this component is logged and
	 * skipped
	 * @param namespace the manifest's namespace, if any
	 * @param origin where the component was declared, for error messages
	 */
	public ComponentDefinition(String name, String type, String version, Map<String, String> metadata,
			List<String> scopes, boolean ignoreErrors, @Nullable String namespace, String origin) {
		this(name, type, version, metadata, scopes, ignoreErrors, namespace, origin, Set.of());
	}

	/**
	 * The type, lower-cased, as Dapr's registry looks it up.
	 * @return the normalised type
	 */
	public String normalizedType() {
		return this.type.toLowerCase(Locale.ROOT);
	}

	/**
	 * The version, lower-cased, with {@code ""} and {@code v0} treated as {@code v1} as
	 * Dapr does.
	 * @return the normalised version
	 */
	public String normalizedVersion() {
		String lower = this.version.toLowerCase(Locale.ROOT);
		return (lower.isEmpty() || lower.equals("v0")) ? "v1" : lower;
	}

	/**
	 * Dapr's log name for a component, {@code name (type/version)}.
	 * @return the log name
	 */
	public String logName() {
		return this.name + " (" + this.type + "/" + this.version + ")";
	}

	/**
	 * Whether the value of a metadata key is treated as a secret, never to appear in a
	 * message: it came from a secret store or an environment variable, or the key is
	 * named like a secret (it contains {@code password}, {@code passwd}, {@code secret},
	 * {@code token}, {@code key}, {@code credential} or {@code connectionString}, in any
	 * case).
	 * @param key the metadata key
	 * @return whether its value is a secret
	 */
	public boolean isSecret(String key) {
		return this.resolvedKeys.contains(key) || hasSecretName(key);
	}

	/**
	 * The values of the metadata keys that {@link #isSecret(String) are secrets}, to mask
	 * them in messages.
	 * @return the non-empty secret values
	 */
	public List<String> secretValues() {
		List<String> values = new ArrayList<>();
		this.metadata.forEach((key, value) -> {
			if (!value.isEmpty() && isSecret(key)) {
				values.add(value);
			}
		});
		return values;
	}

	/**
	 * Whether a metadata key is named like a secret.
	 * @param key the key
	 * @return whether it contains one of the words that name secrets
	 */
	static boolean hasSecretName(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		for (String word : SECRET_WORDS) {
			if (lower.contains(word)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		// never print metadata values: they may hold secrets
		return "ComponentDefinition[" + logName() + ", metadata keys=" + this.metadata.keySet() + ", origin="
				+ this.origin + "]";
	}

}
