package dev.bindings.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Who may call Dapr's HTTP API, checked before any route: no browser page unless its
 * origin is allowed (an {@code Origin} header, or a {@code Sec-Fetch-Site} other than
 * {@code none} or {@code same-origin}, is refused {@code 403}); on a loopback listener no
 * {@code Host} but loopback names and the allowed hosts (DNS rebinding, {@code 403});
 * and, when a token is set, the {@code dapr-api-token} header on every route but
 * {@code GET /v1.0/healthz} and {@code GET /v1.0/healthz/outbound} ({@code 401} in
 * daprd's shape). The routes are matched on the same decoded, normalised path the router
 * uses, so no spelling of a path gets past the token.
 */
final class DaprApiGuard {

	/** The header that carries the token. */
	static final String TOKEN_HEADER = "dapr-api-token";

	private static final byte[] INVALID_TOKEN = "invalid api token\n".getBytes(StandardCharsets.UTF_8);

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	private final byte @Nullable [] token;

	private final @Nullable CorsConfiguration cors;

	private final CorsProcessor corsProcessor = new DefaultCorsProcessor();

	private final @Nullable Set<String> hosts;

	/**
	 * Create a guard.
	 * @param token the API token, {@code null} for none
	 * @param allowedOrigins the origins whose pages may call the API
	 * @param allowedHosts the {@code Host} names allowed besides loopback ones
	 * @param loopbackListener whether the listener is on loopback only (then {@code Host}
	 * is checked)
	 */
	DaprApiGuard(@Nullable String token, List<String> allowedOrigins, List<String> allowedHosts,
			boolean loopbackListener) {
		this.token = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
		this.cors = allowedOrigins.isEmpty() ? null : cors(allowedOrigins);
		if (loopbackListener) {
			Set<String> hosts = new HashSet<>(LOOPBACK_HOSTS);
			for (String host : allowedHosts) {
				String name = host.trim().toLowerCase(Locale.ROOT);
				hosts.add((name.indexOf(':') >= 0 && !name.startsWith("[")) ? "[" + name + "]" : name);
			}
			this.hosts = Set.copyOf(hosts);
		}
		else {
			this.hosts = null;
		}
	}

	private static CorsConfiguration cors(List<String> allowedOrigins) {
		CorsConfiguration cors = new CorsConfiguration();
		allowedOrigins.forEach((origin) -> cors.addAllowedOrigin(origin.trim()));
		cors.setAllowedMethods(List.of("GET", "POST", "PUT"));
		cors.addAllowedHeader(CorsConfiguration.ALL);
		cors.addExposedHeader(CorsConfiguration.ALL);
		return cors;
	}

	/**
	 * Let a request through, or answer it.
	 * @param request the request
	 * @param response the response
	 * @param path the decoded, normalised path the router matches
	 * @return whether the request may go on to its route; when not, it has been answered
	 * @throws IOException if the answer cannot be written
	 */
	boolean admit(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
		if (this.hosts != null && !hostAllowed(request.getHeader("Host"), this.hosts)) {
			DaprReply
				.error(403, DaprReply.ERR_PERMISSION_DENIED,
						"the Host header names a host this loopback listener does not serve; "
								+ "list it in bindings.http.allowed-hosts to allow it")
				.write(response);
			return false;
		}
		String origin = request.getHeader("Origin");
		if (origin != null || fromAnotherSite(request.getHeader("Sec-Fetch-Site"))) {
			CorsConfiguration cors = this.cors;
			if (origin == null || cors == null || cors.checkOrigin(origin) == null) {
				DaprReply
					.error(403, DaprReply.ERR_PERMISSION_DENIED,
							"requests from web pages are not allowed: the page's origin is not in "
									+ "bindings.http.allowed-origins")
					.write(response);
				return false;
			}
			if (!this.corsProcessor.processRequest(cors, request, response)) {
				return false;
			}
			if (CorsUtils.isPreFlightRequest(request)) {
				response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				return false;
			}
		}
		if (this.token != null && !isHealthCheck(request, path)) {
			String given = request.getHeader(TOKEN_HEADER);
			if (given == null || !MessageDigest.isEqual(this.token, given.getBytes(StandardCharsets.UTF_8))) {
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
				response.setContentType("text/plain; charset=utf-8");
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setContentLength(INVALID_TOKEN.length);
				response.getOutputStream().write(INVALID_TOKEN);
				return false;
			}
		}
		return true;
	}

	private static boolean fromAnotherSite(@Nullable String site) {
		return site != null && !site.equalsIgnoreCase("none") && !site.equalsIgnoreCase("same-origin");
	}

	private static boolean isHealthCheck(HttpServletRequest request, String path) {
		return "GET".equals(request.getMethod())
				&& (path.equals(DaprHttpApiServlet.HEALTHZ) || path.equals(DaprHttpApiServlet.HEALTHZ_OUTBOUND));
	}

	/**
	 * Whether the {@code Host} header names an allowed host, any port. A request without
	 * one (HTTP/1.0) does not come from a browser and is let through.
	 */
	static boolean hostAllowed(@Nullable String host, Set<String> allowed) {
		if (host == null) {
			return true;
		}
		String name = host.trim().toLowerCase(Locale.ROOT);
		if (name.startsWith("[")) {
			int close = name.indexOf(']');
			if (close < 0 || (close + 1 < name.length() && name.charAt(close + 1) != ':')) {
				return false;
			}
			name = name.substring(0, close + 1);
		}
		else {
			int colon = name.indexOf(':');
			if (colon >= 0) {
				name = name.substring(0, colon);
			}
		}
		return allowed.contains(name);
	}

}
