package dev.bindings.component;

import java.util.Map;

/**
 * A Dapr secret store, as used to resolve {@code secretKeyRef} in component metadata.
 */
interface SecretStore {

	/**
	 * Look up a secret, as Dapr's {@code GetSecret}: a secret is a map of keys to values.
	 * @param name the secret name
	 * @return the secret's keys and values; empty if there is no such secret
	 */
	Map<String, String> getSecret(String name);

}
