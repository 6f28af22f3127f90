package dev.bindings.component;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a component's {@code spec.metadata} list, before resolution.
 *
 * @param name the metadata name
 * @param value the literal value as text ({@code null} when absent)
 * @param envRef the environment variable to read when the value is empty
 * @param secretName the {@code secretKeyRef.name}, if any
 * @param secretKey the {@code secretKeyRef.key}, if any (defaults to the name)
 */
record MetadataItem(String name, @Nullable String value, @Nullable String envRef, @Nullable String secretName,
		@Nullable String secretKey) {

	static MetadataItem of(String name, String value) {
		return new MetadataItem(name, value, null, null, null);
	}

	@Override
	public String toString() {
		// never the value: it may be a secret
		return "MetadataItem[name=" + this.name + ", envRef=" + this.envRef + ", secretKeyRef="
				+ ((this.secretName != null) ? this.secretName + "/" + this.secretKey : null) + "]";
	}

}
