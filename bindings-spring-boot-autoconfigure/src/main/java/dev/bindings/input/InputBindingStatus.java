package dev.bindings.input;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the registry knows of one input binding, for the actuator and health: never a
 * metadata value.
 *
 * @param name the component name
 * @param type the component type
 * @param version the component version
 * @param origin where the component was declared
 * @param metadataKeys the names of its metadata entries
 * @param scopes the app IDs it is scoped to
 * @param delivery how its events are delivered: {@code route /<route>} (with
 * {@code , no probe} when its direction names input) or {@code handler <method>}
 * @param state where it is in its lifecycle
 * @param lastFailure the last delivery's failure when the last delivery failed, else
 * {@code null}
 */
public record InputBindingStatus(String name, String type, String version, String origin, List<String> metadataKeys,
		List<String> scopes, String delivery, InputBindingState state, @Nullable String lastFailure) {

	public InputBindingStatus {
		metadataKeys = List.copyOf(metadataKeys);
		scopes = List.copyOf(scopes);
	}

	/**
	 * Whether the last delivery failed.
	 * @return whether the binding is failing
	 */
	public boolean failing() {
		return this.lastFailure != null;
	}

}
