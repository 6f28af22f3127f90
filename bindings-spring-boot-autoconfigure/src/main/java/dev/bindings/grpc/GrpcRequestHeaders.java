package dev.bindings.grpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.bindings.web.Baggage;
import io.grpc.Metadata;
import org.jspecify.annotations.Nullable;

/**
 * Copies the headers of a gRPC call into the binding's metadata as daprd's
 * {@code InvokeBinding} does: every header whose key is not already in the request
 * metadata, with its first value; {@code traceparent} and {@code tracestate} replace
 * request metadata; every {@code baggage} header is joined with {@code ,}, checked, and
 * replaces request metadata. Reserved names are renamed the way Dapr renames them:
 * {@code :authority} becomes {@code dapr-authority}, {@code grpc-*} becomes
 * {@code dapr-grpc-*}.
 * <p>
 * Left out, unlike daprd: keys ending in {@code -bin} (binary values, which broke
 * components: dapr/dapr#10387), {@code dapr-api-token}, and the {@code content-type} of
 * the gRPC call, which is the transport's {@code application/grpc}, not the data's
 * (dapr/dapr#8574). Also left out, as the gRPC server under daprd never shows them: the
 * transport headers {@code te}, {@code grpc-encoding}, {@code grpc-timeout},
 * {@code grpc-message-type}, {@code grpc-message} and {@code grpc-status}.
 * <p>
 * Left out too, unlike daprd: the headers that carry credentials (see
 * {@link #CREDENTIALS}), which a binding would otherwise pass on to every reader of its
 * target (Kafka and RabbitMQ turn metadata into message headers). Request metadata with
 * those names, set by the caller on purpose, is kept.
 */
final class GrpcRequestHeaders {

	static final String API_TOKEN = "dapr-api-token";

	private static final String DAPR_PREFIX = "dapr-";

	private static final String BAGGAGE = "baggage";

	private static final Set<String> REPLACING = Set.of("traceparent", "tracestate");

	/**
	 * Call headers that carry credentials and are never copied: HTTP authentication
	 * ({@code authorization}, {@code proxy-authorization}), cookies, API keys, and the
	 * client certificates that proxies and load balancers forward (Envoy's
	 * {@code x-forwarded-client-cert}, RFC 9440's {@code client-cert} and
	 * {@code client-cert-chain}, nginx's and others' {@code x-client-cert},
	 * {@code ssl-client-cert}, {@code x-ssl-client-cert}, Azure's
	 * {@code x-arr-clientcert}, AWS's {@code x-amzn-mtls-clientcert} and
	 * {@code x-amzn-mtls-clientcert-leaf}).
	 */
	static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie", "x-api-key",
			"x-forwarded-client-cert", "client-cert", "client-cert-chain", "x-client-cert", "ssl-client-cert",
			"x-ssl-client-cert", "x-arr-clientcert", "x-amzn-mtls-clientcert", "x-amzn-mtls-clientcert-leaf");

	private static final Set<String> LEFT_OUT = Set.of(API_TOKEN, "content-type", "te", "grpc-encoding", "grpc-timeout",
			"grpc-message-type", "grpc-message", "grpc-status");

	private GrpcRequestHeaders() {
	}

	/**
	 * Copy the headers of a call into binding metadata.
	 * @param headers the headers of the call
	 * @param authority the authority of the call ({@code :authority}), if known
	 * @param metadata the request metadata, to add to
	 * @return what is wrong with the {@code baggage} header, or {@code null} when it is
	 * absent or valid
	 */
	static @Nullable String copy(Metadata headers, @Nullable String authority, Map<String, String> metadata) {
		List<String> baggage = values(headers, BAGGAGE);
		if (!baggage.isEmpty()) {
			String problem = Baggage.validate(Collections.enumeration(baggage));
			if (problem != null) {
				return problem;
			}
			metadata.put(BAGGAGE, String.join(",", baggage));
		}
		if (authority != null) {
			metadata.putIfAbsent(DAPR_PREFIX + "authority", authority);
		}
		for (String key : headers.keys()) {
			if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX) || LEFT_OUT.contains(key) || key.equals(BAGGAGE)
					|| CREDENTIALS.contains(key)) {
				continue;
			}
			List<String> values = values(headers, key);
			if (values.isEmpty()) {
				continue;
			}
			String name = key.startsWith("grpc-") ? DAPR_PREFIX + key : key;
			if (REPLACING.contains(name)) {
				metadata.put(name, values.get(0));
			}
			else {
				metadata.putIfAbsent(name, values.get(0));
			}
		}
		return null;
	}

	private static List<String> values(Metadata headers, String key) {
		Iterable<String> values = headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
		List<String> list = new ArrayList<>();
		if (values != null) {
			values.forEach(list::add);
		}
		return list;
	}

}
