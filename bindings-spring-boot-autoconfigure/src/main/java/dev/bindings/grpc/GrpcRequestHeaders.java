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
 */
final class GrpcRequestHeaders {

	static final String API_TOKEN = "dapr-api-token";

	private static final String DAPR_PREFIX = "dapr-";

	private static final String BAGGAGE = "baggage";

	private static final Set<String> REPLACING = Set.of("traceparent", "tracestate");

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
			if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX) || LEFT_OUT.contains(key) || key.equals(BAGGAGE)) {
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
