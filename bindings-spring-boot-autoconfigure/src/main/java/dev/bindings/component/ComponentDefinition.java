package dev.bindings.component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 */
public record ComponentDefinition(String name, String type, String version, Map<String, String> metadata,
		List<String> scopes, boolean ignoreErrors, @Nullable String namespace, String origin) {

	public ComponentDefinition {
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
		scopes = List.copyOf(scopes);
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

	@Override
	public String toString() {
		// never print metadata values: they may hold secrets
		return "ComponentDefinition[" + logName() + ", metadata keys=" + this.metadata.keySet() + ", origin="
				+ this.origin + "]";
	}

}
