package dev.bindings.resiliency;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.component.DaprManifests.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * The resiliency policies of an app, from Dapr {@code kind: Resiliency} documents (and
 * {@code bindings.resiliency}), and their lookup for an output binding, as daprd does it:
 * {@code targets.components.<name>.outbound} if present, otherwise the default policies
 * by reserved name ({@code DefaultBindingComponentOutbound...Policy},
 * {@code DefaultComponentOutbound...Policy}, {@code DefaultComponent...Policy},
 * {@code Default...Policy}). No policy means one attempt.
 */
public final class ResiliencyPolicies {

	private static final Pattern TRIP = Pattern.compile("\\s*consecutiveFailures\\s*(>=|>)\\s*(\\d+)\\s*");

	private final Map<String, Named<Duration>> timeouts = new LinkedHashMap<>();

	private final Map<String, Named<RetryPolicy>> retries = new LinkedHashMap<>();

	private final Map<String, Named<BreakerPolicy>> breakers = new LinkedHashMap<>();

	private final Map<String, Named<Map<String, String>>> targets = new LinkedHashMap<>();

	/**
	 * A retry policy.
	 *
	 * @param exponential exponential backoff, else constant
	 * @param duration the (initial) interval
	 * @param maxInterval the cap of exponential intervals
	 * @param maxRetries retries after the first attempt; -1 for no limit
	 */
	public record RetryPolicy(boolean exponential, Duration duration, Duration maxInterval, int maxRetries) {

	}

	/**
	 * A circuit breaker policy.
	 *
	 * @param maxRequests calls let through when half open
	 * @param timeout how long the breaker stays open
	 * @param failures the number of consecutive failures that opens it
	 */
	public record BreakerPolicy(int maxRequests, Duration timeout, int failures) {

	}

	/**
	 * The policies of one binding; all may be absent.
	 *
	 * @param timeout the per-attempt timeout
	 * @param retry the retry policy
	 * @param breaker the circuit breaker policy
	 * @param breakerName the circuit breaker's name (breakers are per binding)
	 */
	public record Outbound(@Nullable Duration timeout, @Nullable RetryPolicy retry, @Nullable BreakerPolicy breaker,
			@Nullable String breakerName) {

		/**
		 * Whether there is no policy at all.
		 * @return whether the binding runs exactly once, without policies
		 */
		public boolean isEmpty() {
			return this.timeout == null && this.retry == null && this.breaker == null;
		}

	}

	private record Named<T>(T value, String origin) {

	}

	private ResiliencyPolicies() {
	}

	/**
	 * Read policies from manifests.
	 * @param manifests the {@code Resiliency} manifests
	 * @return the policies
	 * @throws ComponentConfigurationException for an invalid policy, naming it and its
	 * origin
	 */
	public static ResiliencyPolicies of(List<Manifest> manifests) {
		ResiliencyPolicies policies = new ResiliencyPolicies();
		for (Manifest manifest : manifests) {
			policies.add(manifest);
		}
		policies.validateTargets();
		return policies;
	}

	private void add(Manifest manifest) {
		Map<String, Object> policies = map(manifest.spec().get("policies"));
		map(policies.get("timeouts")).forEach((name, value) -> put(this.timeouts, name, manifest,
				duration(manifest, "timeout " + name, String.valueOf(value))));
		map(policies.get("retries"))
			.forEach((name, value) -> put(this.retries, name, manifest, retry(manifest, name, map(value))));
		map(policies.get("circuitBreakers"))
			.forEach((name, value) -> put(this.breakers, name, manifest, breaker(manifest, name, map(value))));
		Map<String, Object> components = map(map(manifest.spec().get("targets")).get("components"));
		components.forEach((component, value) -> {
			Map<String, Object> outbound = map(map(value).get("outbound"));
			Map<String, String> names = new LinkedHashMap<>();
			outbound.forEach((kind, policy) -> names.put(kind, String.valueOf(policy)));
			put(this.targets, component, manifest, names);
		});
	}

	private static <T> void put(Map<String, Named<T>> map, String name, Manifest manifest, T value) {
		Named<T> existing = map.put(name, new Named<>(value, manifest.origin()));
		if (existing != null) {
			throw new ComponentConfigurationException(manifest.name(), manifest.origin(),
					"resiliency '" + name + "' is defined twice, also in " + existing.origin(),
					"Keep one definition of '" + name + "'.", null);
		}
	}

	private void validateTargets() {
		this.targets.forEach((component, target) -> target.value().forEach((kind, policy) -> {
			boolean known = switch (kind) {
				case "timeout" -> this.timeouts.containsKey(policy);
				case "retry" -> this.retries.containsKey(policy);
				case "circuitBreaker" -> this.breakers.containsKey(policy);
				default -> throw new ComponentConfigurationException(component, target.origin(),
						"unknown outbound policy kind '" + kind + "'", "Use timeout, retry or circuitBreaker.", null);
			};
			if (!known) {
				throw new ComponentConfigurationException(component, target.origin(),
						"the outbound " + kind + " policy '" + policy + "' is not defined",
						"Define it under spec.policies, or correct the name.", null);
			}
		}));
	}

	/**
	 * The policies of a binding.
	 * @param component the binding (component) name
	 * @return its policies
	 */
	public Outbound outbound(String component) {
		Named<Map<String, String>> target = this.targets.get(component);
		if (target != null) {
			Map<String, String> names = target.value();
			Named<Duration> timeout = (names.get("timeout") != null) ? this.timeouts.get(names.get("timeout")) : null;
			Named<RetryPolicy> retry = (names.get("retry") != null) ? this.retries.get(names.get("retry")) : null;
			String breakerName = names.get("circuitBreaker");
			Named<BreakerPolicy> breaker = (breakerName != null) ? this.breakers.get(breakerName) : null;
			return new Outbound(value(timeout), value(retry), value(breaker),
					(breaker != null) ? component + "-" + breakerName : null);
		}
		Named<Duration> timeout = defaults(this.timeouts, "Timeout");
		Named<RetryPolicy> retry = defaults(this.retries, "Retry");
		String breakerName = defaultName(this.breakers, "CircuitBreaker");
		Named<BreakerPolicy> breaker = (breakerName != null) ? this.breakers.get(breakerName) : null;
		return new Outbound(value(timeout), value(retry), value(breaker),
				(breakerName != null) ? component + "-" + breakerName : null);
	}

	private static <T> @Nullable T value(@Nullable Named<T> named) {
		return (named != null) ? named.value() : null;
	}

	private static <T> @Nullable Named<T> defaults(Map<String, Named<T>> map, String kind) {
		String name = defaultName(map, kind);
		return (name != null) ? map.get(name) : null;
	}

	private static @Nullable String defaultName(Map<String, ?> map, String kind) {
		for (String prefix : List.of("DefaultBindingComponentOutbound", "DefaultComponentOutbound", "DefaultComponent",
				"Default")) {
			String name = prefix + kind + "Policy";
			if (map.containsKey(name)) {
				return name;
			}
		}
		return null;
	}

	private static RetryPolicy retry(Manifest manifest, String name, Map<String, Object> spec) {
		String policy = String.valueOf(spec.getOrDefault("policy", "constant"));
		if (!policy.equals("constant") && !policy.equals("exponential")) {
			throw new ComponentConfigurationException(manifest.name(), manifest.origin(),
					"retry policy '" + name + "' has an unknown policy '" + policy + "'",
					"Use constant or exponential.", null);
		}
		Duration duration = duration(manifest, "retry " + name, String.valueOf(spec.getOrDefault("duration", "5s")));
		Duration maxInterval = duration(manifest, "retry " + name,
				String.valueOf(spec.getOrDefault("maxInterval", "60s")));
		int maxRetries;
		try {
			maxRetries = Integer.parseInt(String.valueOf(spec.getOrDefault("maxRetries", "-1")).trim());
		}
		catch (NumberFormatException ex) {
			throw new ComponentConfigurationException(manifest.name(), manifest.origin(),
					"retry policy '" + name + "' has an invalid maxRetries", "Use a whole number, -1 for no limit.",
					null);
		}
		return new RetryPolicy(policy.equals("exponential"), duration, maxInterval, maxRetries);
	}

	private static BreakerPolicy breaker(Manifest manifest, String name, Map<String, Object> spec) {
		String trip = String.valueOf(spec.getOrDefault("trip", "consecutiveFailures > 5"));
		Matcher matcher = TRIP.matcher(trip);
		if (!matcher.matches()) {
			throw new ComponentConfigurationException(manifest.name(), manifest.origin(),
					"circuit breaker '" + name + "' has a trip expression this starter does not support: " + trip,
					"Use 'consecutiveFailures > N' or 'consecutiveFailures >= N'.", null);
		}
		int n = Integer.parseInt(matcher.group(2));
		int failures = matcher.group(1).equals(">") ? n + 1 : Math.max(1, n);
		int maxRequests;
		try {
			maxRequests = Math.max(1, Integer.parseInt(String.valueOf(spec.getOrDefault("maxRequests", "1")).trim()));
		}
		catch (NumberFormatException ex) {
			throw new ComponentConfigurationException(manifest.name(), manifest.origin(),
					"circuit breaker '" + name + "' has an invalid maxRequests", null, null);
		}
		Duration timeout = duration(manifest, "circuit breaker " + name,
				String.valueOf(spec.getOrDefault("timeout", "60s")));
		return new BreakerPolicy(maxRequests, timeout, failures);
	}

	private static Duration duration(Manifest manifest, String what, String value) {
		try {
			return ComponentMetadata.parseDuration(value);
		}
		catch (RuntimeException ex) {
			throw new ComponentConfigurationException(manifest.name(), manifest.origin(),
					what + " has an invalid duration '" + value + "'", "Use a Go duration such as 5s or 1m30s.", null);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
