package dev.bindings.component;

import java.util.List;
import java.util.Map;

/**
 * A component declared in application configuration ({@code bindings.components.<name>}).
 *
 * @param name the component name
 * @param type the component type, for example {@code bindings.kafka}
 * @param version the component version
 * @param metadata the metadata values
 * @param scopes the app IDs the component is scoped to (empty for all)
 * @param ignoreErrors whether a failure to create the component is logged and skipped
 * @param origin where it was declared, for example
 * {@code property 'bindings.components.myevent'}
 */
public record InlineComponent(String name, String type, String version, Map<String, String> metadata,
		List<String> scopes, boolean ignoreErrors, String origin) {

	@Override
	public String toString() {
		// never the metadata values: they may be secrets
		return "InlineComponent[" + this.name + " (" + this.type + "/" + this.version + "), metadata keys="
				+ this.metadata.keySet() + ", origin=" + this.origin + "]";
	}

}
