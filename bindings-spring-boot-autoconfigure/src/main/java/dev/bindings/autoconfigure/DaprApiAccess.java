package dev.bindings.autoconfigure;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingRegistry;
import dev.bindings.web.DaprApiPolicy;
import dev.bindings.web.ListenAddresses;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Who may call Dapr's API, one rule for the HTTP and the gRPC listener: the API token
 * ({@code bindings.api-token}, else {@code DAPR_API_TOKEN}; an explicitly blank one stops
 * startup) and whether a listener may open beyond loopback (only with a token, or with
 * {@value #ALLOW_PROPERTY}, which logs one WARN line per listener).
 */
final class DaprApiAccess {

	/** The property that opens the API to the network without a token. */
	static final String ALLOW_PROPERTY = "bindings.api.allow-unauthenticated-network-access";

	private static final String TOKEN_PROPERTY = "bindings.api-token";

	private static final String TOKEN_VARIABLE = "DAPR_API_TOKEN";

	private static final Log logger = LogFactory.getLog(DaprApiAccess.class);

	private final @Nullable String token;

	private final boolean allowUnauthenticated;

	private DaprApiAccess(@Nullable String token, boolean allowUnauthenticated) {
		this.token = token;
		this.allowUnauthenticated = allowUnauthenticated;
	}

	/**
	 * The access rules of the configuration.
	 * @param properties the properties
	 * @param environment the environment ({@code DAPR_API_TOKEN})
	 * @return the rules
	 * @throws InvalidConfigurationPropertyValueException if a token is set and blank
	 */
	static DaprApiAccess of(BindingsProperties properties, Environment environment) {
		String token = properties.getApiToken();
		String source = TOKEN_PROPERTY;
		if (token == null) {
			token = environment.getProperty(TOKEN_VARIABLE);
			source = TOKEN_VARIABLE;
		}
		if (token != null && token.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(source, "(blank)",
					"A blank API token would leave Dapr's API without a token check. Set a token, or remove '" + source
							+ "' to run without one (then the API stays on loopback unless '" + ALLOW_PROPERTY
							+ "' is set).");
		}
		return new DaprApiAccess(token, properties.getApi().isAllowUnauthenticatedNetworkAccess());
	}

	/**
	 * The API token.
	 * @return the token, or {@code null} for none
	 */
	@Nullable String token() {
		return this.token;
	}

	/**
	 * Check that a listener may open where it is configured to: on loopback always;
	 * elsewhere only with a token or with {@value #ALLOW_PROPERTY} (then logged as a
	 * warning).
	 * @param api what listens, for example {@code Dapr HTTP API}
	 * @param addressProperty the property that sets the address, named in the error
	 * @param addresses the addresses, an empty collection for every interface
	 * @param port the port
	 * @throws InvalidConfigurationPropertyValueException if the listener would be open
	 */
	void checkListener(String api, String addressProperty, Collection<InetAddress> addresses, int port) {
		if (this.token != null
				|| (!addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress))) {
			return;
		}
		String where = ListenAddresses.describe(addresses, port);
		if (!this.allowUnauthenticated) {
			throw new InvalidConfigurationPropertyValueException(addressProperty, where, api + " would listen on "
					+ where + ", beyond loopback, without an API token: anyone who can reach this address could "
					+ "invoke every binding. Set an API token ('" + TOKEN_PROPERTY + "' or the " + TOKEN_VARIABLE
					+ " environment variable), keep the API on loopback (remove '" + addressProperty + "'), or set '"
					+ ALLOW_PROPERTY + "=true' to open it without a token deliberately.");
		}
		logger.warn(api + " is open without an API token on " + where + " (" + ALLOW_PROPERTY + "=true)");
	}

	/**
	 * What callers of the API may ask of the bindings: the operations of
	 * {@code bindings.api.allowed-operations} and the metadata limit of
	 * {@code bindings.limits.max-metadata-entries}, checked against the application's
	 * components. A name that is not an output binding component of the application, or
	 * an operation that its binding does not have, stops startup: a typo would otherwise
	 * leave the component unrestricted, or refuse what was meant to be allowed. (A
	 * component that was skipped because of {@code ignoreErrors} can be listed; its
	 * operations are not checked.)
	 * @param properties the properties
	 * @param components the application's components
	 * @param registry the bindings that were created
	 * @return the policy
	 * @throws InvalidConfigurationPropertyValueException if an entry names no binding or
	 * an operation the binding does not have, or the metadata limit is negative
	 */
	static DaprApiPolicy policy(BindingsProperties properties, BeanFactory beanFactory) {
		if (properties.getApi().getAllowedOperations().isEmpty()) {
			return policy(properties, List.of(), null);
		}
		List<ComponentDefinition> components = beanFactory
			.getBeanProvider(BindingsAutoConfiguration.ComponentDefinitions.class)
			.getIfAvailable(() -> new BindingsAutoConfiguration.ComponentDefinitions(List.of()))
			.definitions();
		return policy(properties, components,
				beanFactory.getBeanProvider(OutputBindingRegistry.class).getIfAvailable());
	}

	static DaprApiPolicy policy(BindingsProperties properties, List<ComponentDefinition> components,
			@Nullable OutputBindingRegistry registry) {
		int maxMetadataEntries = properties.getLimits().getMaxMetadataEntries();
		if (maxMetadataEntries < 0) {
			throw new InvalidConfigurationPropertyValueException(DaprApiPolicy.MAX_METADATA_ENTRIES_PROPERTY,
					maxMetadataEntries, "The limit must be zero or more.");
		}
		Map<String, List<String>> allowed = new LinkedHashMap<>();
		properties.getApi().getAllowedOperations().forEach((name, operations) -> {
			String property = DaprApiPolicy.ALLOWED_OPERATIONS_PROPERTY + "[" + name + "]";
			List<String> names = new ArrayList<>();
			for (String operation : (operations != null) ? operations : List.<String>of()) {
				if (operation != null && !operation.isBlank()) {
					names.add(operation.trim());
				}
			}
			ComponentDefinition component = components.stream()
				.filter((candidate) -> candidate.name().equals(name))
				.findFirst()
				.orElse(null);
			if (component == null || !component.normalizedType().startsWith("bindings.")) {
				List<String> bindings = components.stream()
					.filter((candidate) -> candidate.normalizedType().startsWith("bindings."))
					.map(ComponentDefinition::name)
					.toList();
				throw new InvalidConfigurationPropertyValueException(property, String.join(",", names), "'" + name
						+ "' is not an output binding of this application (its bindings: "
						+ (bindings.isEmpty() ? "none" : String.join(", ", bindings))
						+ "). Correct the name (names are case-sensitive; write names with characters other than "
						+ "letters, digits, '-' and '.' in brackets), or remove the entry.");
			}
			OutputBinding binding = (registry != null) ? registry.find(name) : null;
			if (binding != null) {
				for (String operation : names) {
					if (!binding.operations().contains(operation)) {
						throw new InvalidConfigurationPropertyValueException(property, String.join(",", names),
								"binding '" + name + "' (" + component.type() + ") has no operation '" + operation
										+ "'; its operations are " + String.join(", ", binding.operations())
										+ " (compared exactly, case included, as Dapr compares them).");
					}
				}
			}
			allowed.put(name, names);
		});
		if (!allowed.isEmpty()) {
			logger.info("Dapr API: operations limited for " + allowed);
		}
		return new DaprApiPolicy(allowed, maxMetadataEntries);
	}

	/**
	 * Whether the application is ready for the API's health checks: its readiness state
	 * accepts traffic (an application without availability tracking is ready).
	 * @param availability the application's availability, if any
	 * @return the check
	 */
	static BooleanSupplier readiness(ObjectProvider<ApplicationAvailability> availability) {
		return () -> {
			ApplicationAvailability state = availability.getIfAvailable();
			return state == null || state.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		};
	}

	/**
	 * The addresses of a listener: the one configured, or loopback, {@code 127.0.0.1} and
	 * {@code ::1} where the machine has IPv6 on its loopback interface. An address that
	 * stands for every interface ({@code 0.0.0.0}, {@code ::}) gives an empty list.
	 * @param configured the configured address, or {@code null}
	 * @return the addresses to bind, none for every interface
	 */
	static List<InetAddress> addresses(@Nullable InetAddress configured) {
		if (configured != null) {
			return configured.isAnyLocalAddress() ? List.of() : List.of(configured);
		}
		List<InetAddress> loopback = new ArrayList<>();
		loopback.add(ipv4Loopback());
		InetAddress ipv6 = ipv6Loopback();
		if (ipv6 != null) {
			loopback.add(ipv6);
		}
		return List.copyOf(loopback);
	}

	private static InetAddress ipv4Loopback() {
		try {
			return InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable InetAddress ipv6Loopback() {
		try {
			for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (network.isLoopback() && network.isUp()) {
					for (InetAddress address : Collections.list(network.getInetAddresses())) {
						if (address instanceof Inet6Address && address.isLoopbackAddress()) {
							return InetAddress.getByAddress("localhost", address.getAddress());
						}
					}
				}
			}
		}
		catch (SocketException | UnknownHostException ex) {
			// no IPv6 loopback to offer
		}
		return null;
	}

}
