package dev.bindings.grpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.bindings.grpc.proto.health.HealthGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Dapr's API token check for the gRPC API: when a token is configured, every call must
 * carry it in the {@code dapr-api-token} header. A call without it fails
 * {@code UNAUTHENTICATED} with {@code missing api token in request metadata}, a call with
 * another token with {@code authentication error: api token mismatch}, as with daprd. The
 * comparison takes the same time whatever the token; the header is removed before the
 * call goes on.
 * <p>
 * gRPC's health service ({@code grpc.health.v1.Health}) needs no token. daprd serves no
 * gRPC health service on its API port, so it has no rule for one; its health endpoints
 * are HTTP ({@code GET /v1.0/healthz} and {@code /v1.0/healthz/outbound}), and those are
 * exempt from the token ({@code isRouteExcludedFromAPITokenAuth} in dapr/dapr
 * {@code pkg/api/http/middlewares.go}), while its gRPC token check
 * ({@code pkg/api/grpc/auth.go}) covers every method of its gRPC API. The health service
 * here follows the HTTP rule: a probe (Kubernetes' gRPC probe, {@code grpc_health_probe})
 * cannot always send a header, and the answer tells only whether the application is
 * ready.
 */
public class DaprGrpcApiTokenInterceptor implements ServerInterceptor {

	private static final Metadata.Key<String> HEADER = Metadata.Key.of(GrpcRequestHeaders.API_TOKEN,
			Metadata.ASCII_STRING_MARSHALLER);

	private final byte[] token;

	/**
	 * Create an interceptor.
	 * @param token the expected token, not empty
	 */
	public DaprGrpcApiTokenInterceptor(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
			ServerCallHandler<ReqT, RespT> next) {
		if (HealthGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
			return next.startCall(call, headers);
		}
		String given = headers.get(HEADER);
		if (given == null) {
			return reject(call, "missing api token in request metadata");
		}
		if (!MessageDigest.isEqual(this.token, given.getBytes(StandardCharsets.UTF_8))) {
			return reject(call, "authentication error: api token mismatch");
		}
		headers.discardAll(HEADER);
		return next.startCall(call, headers);
	}

	private static <ReqT> ServerCall.Listener<ReqT> reject(ServerCall<ReqT, ?> call, String message) {
		call.close(Status.UNAUTHENTICATED.withDescription(message), new Metadata());
		return new ServerCall.Listener<>() {
		};
	}

}
