package dev.bindings.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for Dapr output bindings.
 */
@ConfigurationProperties("bindings")
public class BindingsProperties {

	/**
	 * Whether Dapr output bindings are enabled.
	 */
	private boolean enabled = true;

	/**
	 * App ID that component 'scopes' are matched against. Defaults to
	 * 'spring.application.name'.
	 */
	private @Nullable String appId;

	/**
	 * Folders of Dapr component YAML files, processed in order. When not set, the folder
	 * 'components' of the working directory is read if it exists; folders that are set
	 * must exist.
	 */
	private @Nullable List<String> componentsPath;

	/**
	 * Components declared inline, by component name. Use '[...]' around names with
	 * characters other than letters, digits, '-' and '.', or set the entry's 'name'.
	 */
	private Map<String, Component> components = new LinkedHashMap<>();

	/**
	 * Dapr API token that every request of Dapr's HTTP API and every gRPC call (health
	 * checks excepted) must carry in the 'dapr-api-token' header. Defaults to the
	 * 'DAPR_API_TOKEN' environment variable; no token means no check (and the API stays
	 * on loopback). A blank value stops startup.
	 */
	private @Nullable String apiToken;

	/**
	 * Who may call Dapr's API (HTTP and gRPC).
	 */
	private final Api api = new Api();

	/**
	 * Dapr HTTP API settings.
	 */
	private final Http http = new Http();

	/**
	 * Resiliency policies in the shape of a Dapr Resiliency document's 'spec' ('policies'
	 * with 'timeouts', 'retries' and 'circuitBreakers';
	 * 'targets.components.<name>.outbound'). They add to the Resiliency documents of the
	 * component folders.
	 */
	private Map<String, Object> resiliency = new LinkedHashMap<>();

	public Map<String, Object> getResiliency() {
		return this.resiliency;
	}

	public void setResiliency(Map<String, Object> resiliency) {
		this.resiliency = resiliency;
	}

	/**
	 * Dapr gRPC API settings.
	 */
	private final Grpc grpc = new Grpc();

	public @Nullable String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(@Nullable String apiToken) {
		this.apiToken = apiToken;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getAppId() {
		return this.appId;
	}

	public void setAppId(@Nullable String appId) {
		this.appId = appId;
	}

	public @Nullable List<String> getComponentsPath() {
		return this.componentsPath;
	}

	public void setComponentsPath(@Nullable List<String> componentsPath) {
		this.componentsPath = componentsPath;
	}

	public Map<String, Component> getComponents() {
		return this.components;
	}

	public void setComponents(Map<String, Component> components) {
		this.components = components;
	}

	/**
	 * Kafka binding settings.
	 */
	private final Kafka kafka = new Kafka();

	public Kafka getKafka() {
		return this.kafka;
	}

	public Api getApi() {
		return this.api;
	}

	public Http getHttp() {
		return this.http;
	}

	public Grpc getGrpc() {
		return this.grpc;
	}

	/**
	 * Limits that keep any one call from exhausting the app's resources.
	 */
	private final Limits limits = new Limits();

	public Limits getLimits() {
		return this.limits;
	}

	/**
	 * A component declared in configuration, with the fields of a Dapr component's spec.
	 */
	public static class Component {

		/**
		 * Component name. Defaults to the map key.
		 */
		private @Nullable String name;

		/**
		 * Component type, for example 'bindings.kafka'.
		 */
		private @Nullable String type;

		/**
		 * Component version.
		 */
		private String version = "v1";

		/**
		 * Component metadata, as Dapr's spec.metadata name/value pairs.
		 */
		private Map<String, String> metadata = new LinkedHashMap<>();

		/**
		 * App IDs the component is scoped to. Empty for all apps.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * Whether a failure to create the component is logged and skipped instead of
		 * stopping startup.
		 */
		private boolean ignoreErrors;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

		public String getVersion() {
			return this.version;
		}

		public void setVersion(String version) {
			this.version = version;
		}

		public Map<String, String> getMetadata() {
			return this.metadata;
		}

		public void setMetadata(Map<String, String> metadata) {
			this.metadata = metadata;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public boolean isIgnoreErrors() {
			return this.ignoreErrors;
		}

		public void setIgnoreErrors(boolean ignoreErrors) {
			this.ignoreErrors = ignoreErrors;
		}

	}

	/**
	 * Who may call Dapr's API (HTTP and gRPC).
	 */
	public static class Api {

		/**
		 * Whether Dapr's API may listen on an address other than loopback without an API
		 * token. Off by default: such a listener stops startup. Each listener opened this
		 * way is logged as a warning.
		 */
		private boolean allowUnauthenticatedNetworkAccess;

		/**
		 * Operations that callers of Dapr's API (HTTP and gRPC) may invoke, by component
		 * name, for example 'orders-db=query'. Other operations of a listed component are
		 * refused (403 ERR_PERMISSION_DENIED, gRPC PERMISSION_DENIED) without reaching
		 * it; an empty list allows none. Components not listed are unrestricted;
		 * BindingClient calls from the application are never limited. Names are compared
		 * exactly, case included, as Dapr compares operations. A name that is not a
		 * component of the application, or an operation the component does not have,
		 * stops startup.
		 */
		private Map<String, List<String>> allowedOperations = new LinkedHashMap<>();

		public Map<String, List<String>> getAllowedOperations() {
			return this.allowedOperations;
		}

		public void setAllowedOperations(Map<String, List<String>> allowedOperations) {
			this.allowedOperations = allowedOperations;
		}

		public boolean isAllowUnauthenticatedNetworkAccess() {
			return this.allowUnauthenticatedNetworkAccess;
		}

		public void setAllowUnauthenticatedNetworkAccess(boolean allowUnauthenticatedNetworkAccess) {
			this.allowUnauthenticatedNetworkAccess = allowUnauthenticatedNetworkAccess;
		}

	}

	/**
	 * Dapr HTTP API settings.
	 */
	public static class Http {

		/**
		 * Whether to expose Dapr's HTTP API ('/v1.0/bindings/{name}').
		 */
		private boolean enabled = true;

		/**
		 * Port of Dapr's HTTP API, a listener of its own that serves only Dapr's API; 0
		 * for a free port (published as 'local.bindings.http.port'). Defaults to the
		 * 'DAPR_HTTP_PORT' environment variable, else 3500. The application's own port
		 * ('server.port') puts the API on the application's listener instead.
		 */
		private @Nullable Integer port;

		/**
		 * Address of Dapr's HTTP API listener. Defaults to loopback (127.0.0.1, and ::1
		 * where the machine has it); '0.0.0.0' for every interface, which needs an API
		 * token.
		 */
		private @Nullable InetAddress address;

		/**
		 * Origins (for example 'https://admin.example.com') whose browser pages may call
		 * the API. Requests with any other 'Origin' header, or with a 'Sec-Fetch-Site'
		 * header other than 'none' or 'same-origin', are refused with 403.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Host names, besides 'localhost', '127.0.0.1' and '[::1]', that requests to a
		 * loopback listener may name in their 'Host' header (a defence against DNS
		 * rebinding); any other is refused with 403.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable InetAddress getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable InetAddress address) {
			this.address = address;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			this.allowedHosts = allowedHosts;
		}

		/**
		 * Maximum size of a request body, as daprd's '--max-body-size'.
		 */
		private DataSize maxBodySize = DataSize.ofMegabytes(4);

		/**
		 * Maximum number of request threads of the API's own listener. They read requests
		 * and write answers; they are not held while a binding works.
		 */
		private int maxThreads = 200;

		/**
		 * Maximum number of connections the API's own listener keeps open; further
		 * connections wait in the operating system's backlog (100).
		 */
		private int maxConnections = 8192;

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = maxThreads;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		/**
		 * How long a request waits for its binding before it is answered 500 'context
		 * deadline exceeded' and the binding's call is cancelled. Zero or negative for no
		 * limit.
		 */
		private Duration requestTimeout = Duration.ofSeconds(30);

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

	}

	/**
	 * Dapr gRPC API settings.
	 */
	public static class Grpc {

		/**
		 * Whether to serve Dapr's gRPC API ('dapr.proto.runtime.v1.Dapr/InvokeBinding')
		 * when grpc-java is on the class path.
		 */
		private boolean enabled = true;

		/**
		 * Port of Dapr's gRPC API; 0 for a free port. Defaults to the 'dapr.grpc.port'
		 * system property or the 'DAPR_GRPC_PORT' environment variable (as the Dapr Java
		 * SDK reads them), else 50001.
		 */
		private @Nullable Integer port;

		/**
		 * Address of Dapr's gRPC API listener. Defaults to loopback (127.0.0.1, and ::1
		 * where the machine has it); '0.0.0.0' for every interface, which needs an API
		 * token.
		 */
		private @Nullable InetAddress address;

		/**
		 * Number of threads that run the calls' code (the handling of a call, not the
		 * binding's work, which is asynchronous). Idle threads end after 60 seconds.
		 */
		private int threads = 64;

		/**
		 * Maximum number of calls in progress at once over all connections, each until
		 * its binding has answered; one more fails RESOURCE_EXHAUSTED at once. gRPC
		 * health checks are not counted.
		 */
		private int maxConcurrentCalls = 1000;

		/**
		 * Maximum number of calls in progress on one connection (HTTP/2
		 * MAX_CONCURRENT_STREAMS); clients queue the others.
		 */
		private int maxConcurrentCallsPerConnection = 100;

		/**
		 * How long a connection without calls stays open before the server closes it
		 * gracefully (GOAWAY), as daprd does after 3 minutes. Zero for no limit.
		 */
		private Duration maxConnectionIdle = Duration.ofMinutes(3);

		/**
		 * How long a connection lives before the server closes it gracefully (clients
		 * reconnect for their next call). Zero for no limit.
		 */
		private Duration maxConnectionAge = Duration.ofHours(1);

		/**
		 * How long the calls of a connection past its age may still take before they are
		 * cancelled. Zero for no limit.
		 */
		private Duration maxConnectionAgeGrace = Duration.ofMinutes(1);

		/**
		 * Shortest interval between a client's keepalive pings; a client that pings more
		 * often is disconnected (too_many_pings). daprd allows 8 seconds; the Dapr Java
		 * SDK pings every 10 seconds when its keepalive is on.
		 */
		private Duration permitKeepAliveTime = Duration.ofSeconds(8);

		/**
		 * Whether clients may send keepalive pings on connections without calls (the Dapr
		 * Java SDK does).
		 */
		private boolean permitKeepAliveWithoutCalls = true;

		/**
		 * Maximum size of a call's headers.
		 */
		private DataSize maxInboundMetadataSize = DataSize.ofKilobytes(8);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable InetAddress getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable InetAddress address) {
			this.address = address;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getMaxConcurrentCalls() {
			return this.maxConcurrentCalls;
		}

		public void setMaxConcurrentCalls(int maxConcurrentCalls) {
			this.maxConcurrentCalls = maxConcurrentCalls;
		}

		public int getMaxConcurrentCallsPerConnection() {
			return this.maxConcurrentCallsPerConnection;
		}

		public void setMaxConcurrentCallsPerConnection(int maxConcurrentCallsPerConnection) {
			this.maxConcurrentCallsPerConnection = maxConcurrentCallsPerConnection;
		}

		public Duration getMaxConnectionIdle() {
			return this.maxConnectionIdle;
		}

		public void setMaxConnectionIdle(Duration maxConnectionIdle) {
			this.maxConnectionIdle = maxConnectionIdle;
		}

		public Duration getMaxConnectionAge() {
			return this.maxConnectionAge;
		}

		public void setMaxConnectionAge(Duration maxConnectionAge) {
			this.maxConnectionAge = maxConnectionAge;
		}

		public Duration getMaxConnectionAgeGrace() {
			return this.maxConnectionAgeGrace;
		}

		public void setMaxConnectionAgeGrace(Duration maxConnectionAgeGrace) {
			this.maxConnectionAgeGrace = maxConnectionAgeGrace;
		}

		public Duration getPermitKeepAliveTime() {
			return this.permitKeepAliveTime;
		}

		public void setPermitKeepAliveTime(Duration permitKeepAliveTime) {
			this.permitKeepAliveTime = permitKeepAliveTime;
		}

		public boolean isPermitKeepAliveWithoutCalls() {
			return this.permitKeepAliveWithoutCalls;
		}

		public void setPermitKeepAliveWithoutCalls(boolean permitKeepAliveWithoutCalls) {
			this.permitKeepAliveWithoutCalls = permitKeepAliveWithoutCalls;
		}

		public DataSize getMaxInboundMetadataSize() {
			return this.maxInboundMetadataSize;
		}

		public void setMaxInboundMetadataSize(DataSize maxInboundMetadataSize) {
			this.maxInboundMetadataSize = maxInboundMetadataSize;
		}

	}

	/**
	 * Kafka binding settings.
	 */
	public static class Kafka {

		/**
		 * Brokers that every Kafka component uses instead of its own 'brokers', for
		 * example to point unchanged component files at a test broker.
		 */
		private @Nullable List<String> brokersOverride;

		public @Nullable List<String> getBrokersOverride() {
			return this.brokersOverride;
		}

		public void setBrokersOverride(@Nullable List<String> brokersOverride) {
			this.brokersOverride = brokersOverride;
		}

	}

	/**
	 * Limits that keep any one call from exhausting the app's resources; each binding
	 * type says in the README which of them it applies.
	 */
	public static class Limits {

		/**
		 * Largest answer a binding buffers for its caller (an http binding's response
		 * body, a file read by localstorage's get, a SQL query's result as JSON). A
		 * larger answer fails the call with a message naming this property; nothing is
		 * truncated.
		 */
		private DataSize maxResponseSize = DataSize.ofMegabytes(16);

		/**
		 * Most metadata entries a request of Dapr's API (HTTP or gRPC) may carry,
		 * counting the headers copied into them; a request with more is refused (400
		 * ERR_MALFORMED_REQUEST, gRPC INVALID_ARGUMENT) without reaching its binding.
		 */
		private int maxMetadataEntries = 256;

		public int getMaxMetadataEntries() {
			return this.maxMetadataEntries;
		}

		public void setMaxMetadataEntries(int maxMetadataEntries) {
			this.maxMetadataEntries = maxMetadataEntries;
		}

		public DataSize getMaxResponseSize() {
			return this.maxResponseSize;
		}

		public void setMaxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
		}

	}

}
