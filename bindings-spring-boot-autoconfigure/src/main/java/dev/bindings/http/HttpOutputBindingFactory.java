package dev.bindings.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.support.ResponseSizeLimit;

/**
 * Creates {@code bindings.http} bindings. Metadata: {@code url} (required),
 * {@code responseTimeout} (default {@value #DEFAULT_RESPONSE_TIMEOUT_SECONDS}s; zero or
 * negative for none), {@code maxResponseBodySize} (default 100Mi, zero or negative for
 * none: where Dapr cuts the body), {@code errorIfNot2XX} (default true),
 * {@code securityToken} with {@code securityTokenHeader}. The mTLS settings
 * ({@code MTLSRootCA}, {@code MTLSClientCert}, {@code MTLSClientKey},
 * {@code MTLSRenegotiation}) are refused at startup: not supported yet.
 * <p>
 * Whatever {@code maxResponseBodySize} says, a body larger than the factory's maximum
 * response size (the application's {@code bindings.limits.max-response-size}) fails the
 * call; a smaller {@code maxResponseBodySize} still cuts the body as in Dapr.
 */
public class HttpOutputBindingFactory implements OutputBindingFactory {

	/** Dapr's {@code maxResponseBodySize} when it is not set: 100Mi. */
	static final long DEFAULT_MAX_RESPONSE_BODY_SIZE = 100L * 1024 * 1024;

	/**
	 * The response timeout, in seconds, of a component without {@code responseTimeout};
	 * the same as the HTTP API's {@code bindings.http.request-timeout} default.
	 */
	static final int DEFAULT_RESPONSE_TIMEOUT_SECONDS = 30;

	private final long maxResponseSize;

	/**
	 * Create a factory whose bindings fail on bodies over
	 * {@value ResponseSizeLimit#DEFAULT} bytes, the default of
	 * {@code bindings.limits.max-response-size}.
	 */
	public HttpOutputBindingFactory() {
		this(ResponseSizeLimit.DEFAULT);
	}

	/**
	 * Create a factory.
	 * @param maxResponseSize the largest response body, in bytes, that a binding buffers;
	 * a larger one fails the call
	 */
	public HttpOutputBindingFactory(long maxResponseSize) {
		this.maxResponseSize = ResponseSizeLimit.check(maxResponseSize);
	}

	@Override
	public String type() {
		return "bindings.http";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		ComponentMetadata metadata = ComponentMetadata.of(component.metadata());
		String url = metadata.require("url", "missing 'url' metadata");
		String notHttp = "invalid 'url' metadata: an http or https URL with a host is required";
		URI base = ComponentMetadata.parseUri(url, List.of("http", "https"), "invalid 'url' metadata: it is not a URL",
				notHttp, notHttp);
		for (String key : List.of("MTLSRootCA", "MTLSClientCert", "MTLSClientKey", "MTLSRenegotiation")) {
			if (metadata.getNonEmpty(key) != null) {
				throw new IllegalArgumentException(
						"'" + key + "' is not supported by this starter's bindings.http yet");
			}
		}
		Duration timeout = metadata.getDuration("responseTimeout",
				(reason) -> "invalid 'responseTimeout' metadata: " + reason);
		boolean defaultTimeout = timeout == null;
		if (defaultTimeout) {
			timeout = Duration.ofSeconds(DEFAULT_RESPONSE_TIMEOUT_SECONDS);
		}
		long cutAt = DEFAULT_MAX_RESPONSE_BODY_SIZE;
		String size = metadata.getNonEmpty("maxResponseBodySize");
		if (size != null) {
			cutAt = parseSize(size);
		}
		String token = metadata.getNonEmpty("securityToken");
		String tokenHeader = metadata.getNonEmpty("securityTokenHeader");
		if (token != null && tokenHeader == null) {
			throw new IllegalArgumentException("'securityTokenHeader' is required when 'securityToken' is set");
		}
		return new HttpOutputBinding(url, base, timeout, defaultTimeout, (cutAt > 0) ? cutAt : Long.MAX_VALUE,
				this.maxResponseSize, metadata.getBoolean("errorIfNot2XX", true), tokenHeader, token);
	}

	/** Kubernetes-style quantities as Dapr reads them: 100Mi, 1Gi, 500k, 1048576. */
	static long parseSize(String text) {
		String value = text.trim();
		String[][] units = { { "Ki", "1024" }, { "Mi", "1048576" }, { "Gi", "1073741824" }, { "k", "1000" },
				{ "M", "1000000" }, { "G", "1000000000" } };
		for (String[] unit : units) {
			if (value.endsWith(unit[0])) {
				try {
					return Long.parseLong(value.substring(0, value.length() - unit[0].length()).trim())
							* Long.parseLong(unit[1]);
				}
				catch (NumberFormatException ex) {
					break;
				}
			}
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("invalid 'maxResponseBodySize' metadata: not a size");
		}
	}

}
