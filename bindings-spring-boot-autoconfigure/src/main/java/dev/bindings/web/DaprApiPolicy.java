package dev.bindings.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.bindings.support.golang.GoJson;

/**
 * What callers of Dapr's API (HTTP and gRPC alike) may ask of the bindings, beyond what
 * daprd checks: the operations each listed binding allows
 * ({@code bindings.api.allowed-operations}) and the most metadata entries a request may
 * carry ({@code bindings.limits.max-metadata-entries}). Calls through
 * {@link dev.bindings.BindingClient} from the application's own code are not limited.
 * <p>
 * Operation names are compared as daprd compares them with a binding's operations:
 * exactly, case included. A binding that is not listed allows every operation; a listed
 * binding with an empty list allows none over the API.
 */
public final class DaprApiPolicy {

	/** The default of {@code bindings.limits.max-metadata-entries}. */
	static final int DEFAULT_MAX_METADATA_ENTRIES = 256;

	/** The property that limits the operations. */
	public static final String ALLOWED_OPERATIONS_PROPERTY = "bindings.api.allowed-operations";

	/** The property that limits the metadata entries. */
	public static final String MAX_METADATA_ENTRIES_PROPERTY = "bindings.limits.max-metadata-entries";

	private static final DaprApiPolicy UNRESTRICTED = new DaprApiPolicy(Map.of(), DEFAULT_MAX_METADATA_ENTRIES);

	private final Map<String, Set<String>> allowedOperations;

	private final int maxMetadataEntries;

	private final String tooManyMetadataEntries;

	/**
	 * Create a policy.
	 * @param allowedOperations the operations each listed binding allows, by binding
	 * name; bindings not listed allow every operation
	 * @param maxMetadataEntries the most metadata entries a request may carry, at least
	 * {@code 0}
	 */
	public DaprApiPolicy(Map<String, ? extends Collection<String>> allowedOperations, int maxMetadataEntries) {
		if (maxMetadataEntries < 0) {
			throw new IllegalArgumentException("maxMetadataEntries must not be negative");
		}
		Map<String, Set<String>> operations = new LinkedHashMap<>();
		allowedOperations.forEach((name, allowed) -> operations.put(name, Set.copyOf(allowed)));
		this.allowedOperations = Map.copyOf(operations);
		this.maxMetadataEntries = maxMetadataEntries;
		this.tooManyMetadataEntries = "request metadata has more than " + maxMetadataEntries + " entries (the limit is "
				+ MAX_METADATA_ENTRIES_PROPERTY + ")";
	}

	/**
	 * The policy without operation limits, with the default metadata limit.
	 * @return the policy
	 */
	public static DaprApiPolicy unrestricted() {
		return UNRESTRICTED;
	}

	/**
	 * Whether a caller of the API may invoke an operation of a binding. An empty
	 * operation is let through: daprd's own check answers it
	 * ({@code operation field is missing from request}) without reaching the binding.
	 * @param name the binding name
	 * @param operation the operation, compared exactly
	 * @return whether the call may go on
	 */
	public boolean allows(String name, String operation) {
		if (this.allowedOperations.isEmpty() || operation.isEmpty()) {
			return true;
		}
		Set<String> allowed = this.allowedOperations.get(name);
		return allowed == null || allowed.contains(operation);
	}

	/**
	 * The message of a refused operation, in the words daprd uses for the secrets that
	 * its access policies deny: {@code access denied by policy to invoke operation
	 * "exec" on binding "orders-db"}.
	 * @param name the binding name
	 * @param operation the operation
	 * @return the message
	 */
	public String denied(String name, String operation) {
		return "access denied by policy to invoke operation " + GoJson.quote(operation) + " on binding "
				+ GoJson.quote(name);
	}

	/**
	 * The most metadata entries a request may carry, the headers copied into them
	 * included.
	 * @return the limit
	 */
	public int maxMetadataEntries() {
		return this.maxMetadataEntries;
	}

	/**
	 * The message of a request with more metadata entries than allowed.
	 * @return the message
	 */
	public String tooManyMetadataEntries() {
		return this.tooManyMetadataEntries;
	}

	/**
	 * The operations each listed binding allows.
	 * @return the operations by binding name
	 */
	public Map<String, Set<String>> allowedOperations() {
		return this.allowedOperations;
	}

}
