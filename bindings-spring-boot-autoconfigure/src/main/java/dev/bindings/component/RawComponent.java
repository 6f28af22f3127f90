package dev.bindings.component;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A component as read from a file or from properties, before its metadata is resolved.
 */
record RawComponent(String name, String type, String version, List<MetadataItem> metadata, List<String> scopes,
		boolean ignoreErrors, @Nullable String namespace, @Nullable String secretStore, String origin) {

	String logName() {
		return this.name + " (" + this.type + "/" + this.version + ")";
	}

	@Override
	public String toString() {
		// never the metadata values: they may be secrets
		return "RawComponent[" + logName() + ", metadata=" + this.metadata + ", origin=" + this.origin + "]";
	}

}
