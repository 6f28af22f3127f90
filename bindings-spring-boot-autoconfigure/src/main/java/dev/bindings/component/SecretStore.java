package dev.bindings.component;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Dapr secret store, as used to resolve {@code secretKeyRef} in component metadata.
 */
interface SecretStore {

	/**
	 * Look up a secret, as Dapr's {@code GetSecret}: a secret is a map of keys to values.
	 * Called only for a name that {@link #refusal(String)} allows.
	 * @param name the secret name
	 * @return the secret's keys and values; empty if there is no such secret
	 */
	Map<String, String> getSecret(String name);

	/**
	 * Why a secret may not be read: every store applies the deny list of
	 * {@link DeniedNames}.
	 * @param name the secret name
	 * @return the reason, or {@code null} if the secret may be read
	 */
	default @Nullable String refusal(String name) {
		return DeniedNames.refusal(name);
	}

}
