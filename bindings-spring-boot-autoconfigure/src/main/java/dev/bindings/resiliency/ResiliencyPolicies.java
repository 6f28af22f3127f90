package dev.bindings.resiliency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * {@code bindings.resiliency}), and their lookup for a binding in either direction, as
 * daprd does it: {@code targets.components.<name>.outbound} (output) or
 * {@code targets.components.<name>.inbound} (input) when the component is a target,
 * otherwise the default policies by reserved name (for example
 * {@code DefaultBindingComponentInbound...Policy},
 * {@code DefaultComponentInbound...Policy}, {@code DefaultComponent...Policy},
 * {@code Default...Policy}). As in daprd, a component that is a target gets no default
 * policy in either direction: a target with outbound policies only has no inbound policy.
 * No policy means one attempt.
 */
public final class ResiliencyPolicies {

	private static final Pattern TRIP = Pattern.compile("\\s*consecutiveFailures\\s*(>=|>)\\s*(\\d+)\\s*");

	private final Map<String, Named<Duration>> timeouts = new LinkedHashMap<>();

	private final Map<String, Named<RetryPolicy>> retries = new LinkedHashMap<>();

	private final Map<String, Named<BreakerPolicy>> breakers = new LinkedHashMap<>();

	private final Map<String, Named<Target>> targets = new LinkedHashMap<>();

	/**
	 * The direction of a binding: daprd's {@code Outbound} (output bindings) and
	 * {@code Inbound} (input bindings).
	 */
	public enum Direction {

		/** An output binding: {@code targets.components.<name>.outbound}. */
		OUTBOUND("outbound", "Outbound"),

		/** An input binding: {@code targets.components.<name>.inbound}. */
		INBOUND("inbound", "Inbound");

		private final String key;

		private final String level;

		Direction(String key, String level) {
			this.key = key;
			this.level = level;
		}

		/**
		 * The key under a component target, for example {@code inbound}.
		 * @return the key
		 */
		public String key() {
			return this.key;
		}

	}

	/**
	 * A retry policy.
	 *
	 * @param exponential exponential backoff, else constant
	 * @param duration the (initial) interval
	 * @param maxInterval the cap of exponential intervals
	 * @param maxRetries retries after the first attempt; -1 for no limit
	 * @param httpStatusCodes the HTTP statuses that are retried
	 * ({@code matching.httpStatusCodes}); every status when empty
	 */
	public record RetryPolicy(boolean exponential, Duration duration, Duration maxInterval, int maxRetries,
			StatusCodes httpStatusCodes) {

		/**
		 * A retry policy that retries every status.
		 * @param exponential exponential backoff, else constant
		 * @param duration the (initial) interval
		 * @param maxInterval the cap of exponential intervals
		 * @param maxRetries retries after the first attempt; -1 for no limit
		 */
		public RetryPolicy(boolean exponential, Duration duration, Duration maxInterval, int maxRetries) {
			this(exponential, duration, maxInterval, maxRetries, StatusCodes.ALL);
		}

	}

	/**
	 * Status codes a retry policy retries ({@code matching.httpStatusCodes}): a comma
	 * list of codes and ranges such as {@code 429,500-599}, read as daprd reads it.
	 *
	 * @param ranges the ranges; empty for every code
	 */
	public record StatusCodes(List<Range> ranges) {

		/** Every code. */
		public static final StatusCodes ALL = new StatusCodes(List.of());

		/**
		 * Whether a status is retried.
		 * @param status the status
		 * @return whether it is in a range, or there are no ranges
		 */
		public boolean matches(int status) {
			if (this.ranges.isEmpty()) {
				return true;
			}
			for (Range range : this.ranges) {
				if (range.start() <= status && status <= range.end()) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Read a list as daprd does: codes and {@code start-end} ranges separated by
		 * commas, empty entries ignored, every code within the valid range.
		 * @param patterns the list, empty for every code
		 * @param min the smallest valid code
		 * @param max the largest valid code
		 * @return the codes
		 * @throws IllegalArgumentException for an invalid entry, with daprd's reason
		 */
		static StatusCodes parse(String patterns, int min, int max) {
			List<Range> ranges = new ArrayList<>();
			for (String pattern : patterns.split(",", -1)) {
				if (pattern.isEmpty()) {
					continue;
				}
				String[] bounds = pattern.split("-", -1);
				if (bounds.length > 2) {
					throw new IllegalArgumentException("invalid pattern " + pattern + ", more than one '-' exists");
				}
				int start = code(bounds[0], pattern, "start");
				if (start < min || start > max) {
					throw new IllegalArgumentException(
							"invalid pattern " + pattern + ", start code " + start + " is not valid");
				}
				int end = (bounds.length == 2) ? code(bounds[1], pattern, "end") : start;
				if (end < min || end > max) {
					throw new IllegalArgumentException(
							"invalid pattern " + pattern + ", end code " + end + " is not valid");
				}
				if (end < start) {
					throw new IllegalArgumentException(
							"invalid pattern " + pattern + ", start value should not bigger than end value");
				}
				ranges.add(new Range(start, end));
			}
			return new StatusCodes(List.copyOf(ranges));
		}

		private static int code(String value, String pattern, String which) {
			try {
				return Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"failed to parse " + which + " code " + value + " from pattern " + pattern + " to int");
			}
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			for (Range range : this.ranges) {
				text.append((text.length() > 0) ? "," : "").append(range.start());
				if (range.end() != range.start()) {
					text.append('-').append(range.end());
				}
			}
			return (text.length() > 0) ? text.toString() : "all";
		}

		/**
		 * An inclusive range of codes.
		 *
		 * @param start the first code
		 * @param end the last code
		 */
		public record Range(int start, int end) {

		}

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
	 * The policies of one binding in one direction; all may be absent.
	 *
	 * @param timeout the per-attempt timeout
	 * @param retry the retry policy
	 * @param breaker the circuit breaker policy
	 * @param breakerName the circuit breaker's name (breakers are per binding and
	 * direction)
	 */
	public record ComponentPolicies(@Nullable Duration timeout, @Nullable RetryPolicy retry,
			@Nullable BreakerPolicy breaker, @Nullable String breakerName) {

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

	/**
	 * The policy names of a component target, per direction (kind to policy name).
	 */
	private record Target(Map<Direction, Map<String, String>> names) {

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
			Map<Direction, Map<String, String>> names = new EnumMap<>(Direction.class);
			for (Direction direction : Direction.values()) {
				Map<String, String> kinds = new LinkedHashMap<>();
				map(map(value).get(direction.key())).forEach((kind, policy) -> kinds.put(kind, String.valueOf(policy)));
				names.put(direction, kinds);
			}
			put(this.targets, component, manifest, new Target(names));
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
		this.targets.forEach((component,
				target) -> target.value().names().forEach((direction, names) -> names.forEach((kind, policy) -> {
					boolean known = switch (kind) {
						case "timeout" -> this.timeouts.containsKey(policy);
						case "retry" -> this.retries.containsKey(policy);
						case "circuitBreaker" -> this.breakers.containsKey(policy);
						default -> throw new ComponentConfigurationException(component, target.origin(),
								"unknown " + direction.key() + " policy kind '" + kind + "'",
								"Use timeout, retry or circuitBreaker.", null);
					};
					if (!known) {
						throw new ComponentConfigurationException(component, target.origin(),
								"the " + direction.key() + " " + kind + " policy '" + policy + "' is not defined",
								"Define it under spec.policies, or correct the name.", null);
					}
				})));
	}

	/**
	 * The policies of an output binding.
	 * @param component the binding (component) name
	 * @return its policies
	 */
	public ComponentPolicies outbound(String component) {
		return policies(component, Direction.OUTBOUND);
	}

	/**
	 * The policies of an input binding: those that every delivery of its events runs
	 * under.
	 * @param component the binding (component) name
	 * @return its policies
	 */
	public ComponentPolicies inbound(String component) {
		return policies(component, Direction.INBOUND);
	}

	/**
	 * The policies of a binding in one direction.
	 * @param component the binding (component) name
	 * @param direction the direction
	 * @return its policies
	 */
	public ComponentPolicies policies(String component, Direction direction) {
		Named<Target> target = this.targets.get(component);
		String timeoutName;
		String retryName;
		String breakerName;
		if (target != null) {
			Map<String, String> names = target.value().names().getOrDefault(direction, Map.of());
			timeoutName = names.get("timeout");
			retryName = names.get("retry");
			breakerName = names.get("circuitBreaker");
		}
		else {
			timeoutName = defaultName(this.timeouts, direction, "Timeout");
			retryName = defaultName(this.retries, direction, "Retry");
			breakerName = defaultName(this.breakers, direction, "CircuitBreaker");
		}
		Named<BreakerPolicy> breaker = (breakerName != null) ? this.breakers.get(breakerName) : null;
		String instance = (direction == Direction.OUTBOUND) ? component + "-" + breakerName
				: component + "-" + direction.key() + "-" + breakerName;
		return new ComponentPolicies(value(this.timeouts, timeoutName), value(this.retries, retryName),
				(breaker != null) ? breaker.value() : null, (breaker != null) ? instance : null);
	}

	private static <T> @Nullable T value(Map<String, Named<T>> map, @Nullable String name) {
		Named<T> named = (name != null) ? map.get(name) : null;
		return (named != null) ? named.value() : null;
	}

	/**
	 * daprd's default policy names, most specific first:
	 * {@code DefaultBindingComponentInboundRetryPolicy},
	 * {@code DefaultComponentInboundRetryPolicy}, {@code DefaultComponentRetryPolicy},
	 * {@code DefaultRetryPolicy}.
	 */
	private static @Nullable String defaultName(Map<String, ?> map, Direction direction, String kind) {
		for (String prefix : List.of("DefaultBindingComponent" + direction.level, "DefaultComponent" + direction.level,
				"DefaultComponent", "Default")) {
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
		Map<String, Object> matching = map(spec.get("matching"));
		StatusCodes httpStatusCodes = statusCodes(manifest, name, matching, "httpStatusCodes", 100, 599);
		// read to validate them as daprd does; no delivery here has a gRPC status
		statusCodes(manifest, name, matching, "gRPCStatusCodes", 0, 16);
		return new RetryPolicy(policy.equals("exponential"), duration, maxInterval, maxRetries, httpStatusCodes);
	}

	private static StatusCodes statusCodes(Manifest manifest, String name, Map<String, Object> matching, String key,
			int min, int max) {
		Object value = matching.get(key);
		if (value == null) {
			return StatusCodes.ALL;
		}
		try {
			return StatusCodes.parse(String.valueOf(value), min, max);
		}
		catch (IllegalArgumentException ex) {
			throw new ComponentConfigurationException(manifest.name(), manifest.origin(),
					"retry policy '" + name + "' has an invalid matching." + key + ": " + ex.getMessage(),
					"Use a comma list of codes and ranges within " + min + "-" + max + ", such as "
							+ ((max == 599) ? "429,500-599" : "2-4,14") + ".",
					null);
		}
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
