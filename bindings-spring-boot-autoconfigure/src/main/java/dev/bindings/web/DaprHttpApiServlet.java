package dev.bindings.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.bindings.BindingClient;
import dev.bindings.registry.RuntimeMetadata;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Dapr's HTTP API as one servlet: {@code POST|PUT /v1.0/bindings/{name}},
 * {@code GET /v1.0/metadata}, {@code GET /v1.0/healthz} and
 * {@code GET /v1.0/healthz/outbound}, and daprd's {@code 404} {@code ERR_DIRECT_INVOKE}
 * for everything else. Every request passes the {@link DaprApiGuard} first (browser
 * origins, {@code Host}, API token), on the same decoded, normalised path the routes are
 * matched on.
 * <p>
 * It serves the listener of its own that the auto-configuration starts (mapped to
 * {@code /}), or the application's listener when the API is put there (mapped to
 * {@code /v1.0/*}).
 */
public final class DaprHttpApiServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String HEALTHZ = "/v1.0/healthz";

	static final String HEALTHZ_OUTBOUND = "/v1.0/healthz/outbound";

	private static final String METADATA = "/v1.0/metadata";

	private static final String BINDINGS = "/v1.0/bindings/";

	private final transient DaprApiGuard guard;

	private final transient DaprBindingsHandler bindings;

	private final transient DaprRuntimeHandler runtime;

	/**
	 * Create the servlet.
	 * @param client the client that invokes bindings
	 * @param metadata what {@code /v1.0/metadata} reports
	 * @param ready whether the app is ready to serve bindings (for the health endpoints)
	 * @param settings the settings
	 */
	public DaprHttpApiServlet(BindingClient client, RuntimeMetadata metadata, BooleanSupplier ready,
			Settings settings) {
		this.guard = new DaprApiGuard(settings.token(), settings.allowedOrigins(), settings.allowedHosts(),
				settings.loopbackListener());
		this.bindings = new DaprBindingsHandler(client, settings.maxBodySize(), settings.requestTimeout(),
				settings.policy());
		this.runtime = new DaprRuntimeHandler(metadata, ready);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = path(request);
		if (!this.guard.admit(request, response, path)) {
			return;
		}
		String method = request.getMethod();
		if (path.startsWith(BINDINGS) && path.indexOf('/', BINDINGS.length()) < 0
				&& path.length() > BINDINGS.length()) {
			if (method.equals("POST") || method.equals("PUT")) {
				this.bindings.invoke(request, response);
				return;
			}
		}
		else if (method.equals("GET")) {
			switch (path) {
				case METADATA -> {
					this.runtime.metadata(response);
					return;
				}
				case HEALTHZ -> {
					this.runtime.healthz(request, response);
					return;
				}
				case HEALTHZ_OUTBOUND -> {
					this.runtime.outbound(response);
					return;
				}
				default -> {
				}
			}
		}
		DaprReply.NOT_FOUND.write(response);
	}

	/**
	 * The path the routes match: the container's decoded and normalised path ({@code ;}
	 * parameters removed, escapes decoded, dot segments resolved), with {@code //}
	 * collapsed and trailing slashes removed, as daprd's router cleans paths.
	 */
	static String path(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		String path = (pathInfo != null) ? request.getServletPath() + pathInfo : request.getServletPath();
		if (path.contains("//")) {
			StringBuilder clean = new StringBuilder(path.length());
			for (int i = 0; i < path.length(); i++) {
				char c = path.charAt(i);
				if (c != '/' || clean.isEmpty() || clean.charAt(clean.length() - 1) != '/') {
					clean.append(c);
				}
			}
			path = clean.toString();
		}
		int end = path.length();
		while (end > 1 && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(0, end);
	}

	/**
	 * The settings of the API.
	 *
	 * @param token the API token, {@code null} for none
	 * @param allowedOrigins the origins whose browser pages may call the API
	 * @param allowedHosts the {@code Host} names allowed besides loopback ones
	 * @param loopbackListener whether the API listens on loopback only ({@code Host}
	 * checked)
	 * @param maxBodySize the maximum size of a request body in bytes
	 * @param requestTimeout how long a request waits for its binding before it is
	 * answered {@code 500} {@code context deadline exceeded} and its call is cancelled;
	 * zero or negative for no limit
	 * @param policy the operations callers may invoke and the metadata limit
	 */
	public record Settings(@Nullable String token, List<String> allowedOrigins, List<String> allowedHosts,
			boolean loopbackListener, long maxBodySize, Duration requestTimeout, DaprApiPolicy policy) {

		public Settings {
			allowedOrigins = List.copyOf(allowedOrigins);
			allowedHosts = List.copyOf(allowedHosts);
		}

		/**
		 * Settings without operation limits, with the default metadata limit.
		 * @param token the API token, {@code null} for none
		 * @param allowedOrigins the origins whose browser pages may call the API
		 * @param allowedHosts the {@code Host} names allowed besides loopback ones
		 * @param loopbackListener whether the API listens on loopback only
		 * @param maxBodySize the maximum size of a request body in bytes
		 * @param requestTimeout how long a request waits for its binding
		 */
		public Settings(@Nullable String token, List<String> allowedOrigins, List<String> allowedHosts,
				boolean loopbackListener, long maxBodySize, Duration requestTimeout) {
			this(token, allowedOrigins, allowedHosts, loopbackListener, maxBodySize, requestTimeout,
					DaprApiPolicy.unrestricted());
		}

	}

}
