package dev.bindings.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.OutputBindingFactory;

/**
 * Creates {@code bindings.http} bindings. Metadata: {@code url} (required),
 * {@code responseTimeout}, {@code maxResponseBodySize} (default 100Mi),
 * {@code errorIfNot2XX} (default true), {@code securityToken} with
 * {@code securityTokenHeader}. The mTLS settings ({@code MTLSRootCA},
 * {@code MTLSClientCert}, {@code MTLSClientKey}, {@code MTLSRenegotiation}) are refused
 * at startup: not supported yet.
 */
public class HttpOutputBindingFactory implements OutputBindingFactory {

	static final long DEFAULT_MAX_RESPONSE_BODY_SIZE = 100L * 1024 * 1024;

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
		long maxBody = DEFAULT_MAX_RESPONSE_BODY_SIZE;
		String size = metadata.getNonEmpty("maxResponseBodySize");
		if (size != null) {
			maxBody = parseSize(size);
		}
		String token = metadata.getNonEmpty("securityToken");
		String tokenHeader = metadata.getNonEmpty("securityTokenHeader");
		if (token != null && tokenHeader == null) {
			throw new IllegalArgumentException("'securityTokenHeader' is required when 'securityToken' is set");
		}
		return new HttpOutputBinding(url, base, timeout, maxBody, metadata.getBoolean("errorIfNot2XX", true),
				tokenHeader, token);
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
