package dev.bindings.component;

import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The names that {@code envRef} and the secret stores may not read: daprd's deny list
 * ({@code APP_API_TOKEN}, names starting with {@code DAPR_}, names containing a space,
 * the empty name) and, for the store that reads the Spring {@code Environment}, the
 * starter's own API token property {@code bindings.api-token}.
 * <p>
 * Names are compared in a normal form, so that no spelling gets around the list: case
 * folded, and {@code .}, {@code -}, {@code _}, {@code [} and {@code ]} folded into one
 * separator, as Spring's relaxed binding folds them ({@code dapr.api.token},
 * {@code Dapr-Api_Token} and {@code DAPR_API_TOKEN} are one name).
 */
final class DeniedNames {

	/** The variable daprd uses as an allowlist for {@code envRef}, when it is set. */
	static final String ENV_KEYS_VARIABLE = "DAPR_ENV_KEYS";

	private static final String RULE = "names starting with DAPR_ and the name APP_API_TOKEN, in any case and with"
			+ " '.', '-' or '_' between the words, are refused";

	private DeniedNames() {
	}

	/**
	 * Why a name may not be read, by {@code envRef} or a secret store.
	 * @param name the name
	 * @return the reason, or {@code null} if the name may be read
	 */
	static @Nullable String refusal(String name) {
		if (name.isBlank()) {
			return "the name is empty";
		}
		if (name.chars().anyMatch(Character::isWhitespace)) {
			return "the name contains a space";
		}
		String normalized = normalize(name);
		if (normalized.startsWith("DAPR_") || squash(normalized).equals("APPAPITOKEN")) {
			return RULE;
		}
		return null;
	}

	/**
	 * Why an environment variable may not be read by {@code envRef}: the deny list, then
	 * daprd's allowlist {@code DAPR_ENV_KEYS} (space-separated names) when it is set.
	 * @param name the variable name
	 * @param variables the process environment
	 * @return the reason, or {@code null} if the variable may be read
	 */
	static @Nullable String envRefRefusal(String name, Function<String, @Nullable String> variables) {
		String refusal = refusal(name);
		if (refusal != null) {
			return refusal;
		}
		String allowlist = variables.apply(ENV_KEYS_VARIABLE);
		if (allowlist == null || allowlist.isEmpty()) {
			return null;
		}
		String upperCase = name.toUpperCase(Locale.ROOT);
		for (String allowed : allowlist.split(" ")) {
			if (allowed.equals(upperCase)) {
				return null;
			}
		}
		return "the name is not listed in " + ENV_KEYS_VARIABLE;
	}

	/**
	 * Why a property may not be read by the store that reads the Spring
	 * {@code Environment}: the deny list, and the starter's API token
	 * ({@code bindings.api-token} in any spelling).
	 * @param name the property name
	 * @return the reason, or {@code null} if the property may be read
	 */
	static @Nullable String springPropertyRefusal(String name) {
		String refusal = refusal(name);
		if (refusal != null) {
			return refusal;
		}
		if (squash(normalize(name)).equals("BINDINGSAPITOKEN")) {
			return "the starter's API token (bindings.api-token) is refused";
		}
		return null;
	}

	/**
	 * A name in its normal form: upper case, each run of {@code .}, {@code -}, {@code _},
	 * {@code [} and {@code ]} one {@code _}, none at the start.
	 * @param name the name
	 * @return the normal form
	 */
	static String normalize(String name) {
		StringBuilder normalized = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean separator = c == '.' || c == '-' || c == '_' || c == '[' || c == ']';
			if (!separator) {
				normalized.append(c);
			}
			else if (normalized.length() > 0 && normalized.charAt(normalized.length() - 1) != '_') {
				normalized.append('_');
			}
		}
		return normalized.toString().toUpperCase(Locale.ROOT);
	}

	private static String squash(String normalized) {
		return normalized.replace("_", "");
	}

}
