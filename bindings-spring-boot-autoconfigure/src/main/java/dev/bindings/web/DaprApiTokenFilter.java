package dev.bindings.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Dapr's API token check: when a token is configured, every {@code /v1.0/**} request must carry
 * it in the {@code dapr-api-token} header, except {@code GET /v1.0/healthz} and
 * {@code GET /v1.0/healthz/outbound}. A missing or wrong token gets daprd's answer:
 * {@code 401}, {@code text/plain; charset=utf-8}, {@code invalid api token}. The comparison
 * takes the same time whatever the token.
 */
public class DaprApiTokenFilter extends OncePerRequestFilter {

	/** The header that carries the token. */
	public static final String HEADER = "dapr-api-token";

	private final byte[] token;

	/**
	 * Create a filter.
	 * @param token the expected token, not empty
	 */
	public DaprApiTokenFilter(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/v1.0/") && !path.equals("/v1.0")) {
			return true;
		}
		return "GET".equals(request.getMethod())
				&& (path.equals("/v1.0/healthz") || path.equals("/v1.0/healthz/outbound"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		if (given == null || !MessageDigest.isEqual(this.token, given.getBytes(StandardCharsets.UTF_8))) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType("text/plain; charset=utf-8");
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.getOutputStream().write("invalid api token\n".getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

}
