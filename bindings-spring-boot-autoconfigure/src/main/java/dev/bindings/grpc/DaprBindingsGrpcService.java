package dev.bindings.grpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.grpc.proto.DaprBindingsProtos.GetMetadataRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.GetMetadataResponse;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingResponse;
import dev.bindings.grpc.proto.DaprBindingsProtos.RegisteredComponents;
import dev.bindings.grpc.proto.DaprGrpc;
import dev.bindings.registry.RuntimeMetadata;
import dev.bindings.web.DaprApiPolicy;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Dapr's {@code dapr.proto.runtime.v1.Dapr}: {@code InvokeBinding} and
 * {@code GetMetadata}.
 * <p>
 * {@code GetMetadata} answers what {@code GET /v1.0/metadata} answers: the app ID, the
 * runtime version (also as the extended metadata {@code daprRuntimeVersion}) and the
 * loaded components with their name, type, version and capabilities; some Dapr SDKs call
 * it before their first request.
 * <p>
 * {@code InvokeBinding} answers as daprd does, through
 * {@link BindingClient#invokeAsync(String, BindingRequest)}, the path that the HTTP API
 * takes too. The gRPC thread is not held while the binding works.
 * <ul>
 * <li>The data passes to the binding as it is (no JSON re-encoding); empty data is no
 * data ({@code null}, for Kafka a tombstone).</li>
 * <li>The request metadata is copied, then the call's headers, as described in
 * {@link GrpcRequestHeaders}.</li>
 * <li>The binding's data and metadata make the {@code InvokeBindingResponse}; the
 * metadata is also sent as {@code metadata.<key>} response headers.</li>
 * <li>Every failure is {@code INTERNAL} with Dapr's message,
 * {@code error invoking output binding <name>: <reason>}, and a
 * {@code google.rpc.ErrorInfo} with reason {@code ERR_INVOKE_OUTPUT_BINDING} and domain
 * {@code dapr.io}. An invalid {@code baggage} header is {@code UNKNOWN}, as with
 * daprd.</li>
 * </ul>
 * Beyond daprd, the {@link DaprApiPolicy} applies before the binding is reached: an
 * operation that the binding's allow-list does not name fails {@code PERMISSION_DENIED}
 * (reason {@code ERR_PERMISSION_DENIED}), request metadata with more entries than the
 * limit, the copied call headers included, fails {@code INVALID_ARGUMENT} (reason
 * {@code ERR_MALFORMED_REQUEST}). A call that is cancelled, or whose deadline passes,
 * while its binding works cancels the binding's call (its future); a call that is already
 * cancelled or past its deadline when it is handled does not reach the binding.
 */
public class DaprBindingsGrpcService implements DaprGrpc.AsyncService, BindableService {

	/** The reason of the {@code ErrorInfo} of a failed invocation. */
	public static final String ERR_INVOKE_OUTPUT_BINDING = "ERR_INVOKE_OUTPUT_BINDING";

	/** The reason of the {@code ErrorInfo} of an operation the policy refuses. */
	public static final String ERR_PERMISSION_DENIED = "ERR_PERMISSION_DENIED";

	/** The reason of the {@code ErrorInfo} of a request with too much metadata. */
	public static final String ERR_MALFORMED_REQUEST = "ERR_MALFORMED_REQUEST";

	/** The domain of Dapr's {@code ErrorInfo} details. */
	static final String ERROR_DOMAIN = "dapr.io";

	private static final String RESPONSE_METADATA_PREFIX = "metadata.";

	private static final Log logger = LogFactory.getLog(DaprBindingsGrpcService.class);

	private static final Context.Key<CallState> CALL = Context.key("dev.bindings.grpc.call");

	private static final String RUNTIME_VERSION_KEY = "daprRuntimeVersion";

	private final BindingClient client;

	private final GetMetadataResponse metadata;

	private final DaprApiPolicy policy;

	/**
	 * Create a service without operation limits, with the default metadata limit.
	 * @param client the client that invokes bindings
	 * @param metadata what {@code GetMetadata} reports
	 */
	public DaprBindingsGrpcService(BindingClient client, RuntimeMetadata metadata) {
		this(client, metadata, DaprApiPolicy.unrestricted());
	}

	/**
	 * Create a service.
	 * @param client the client that invokes bindings
	 * @param metadata what {@code GetMetadata} reports
	 * @param policy the operations callers may invoke and the metadata limit
	 */
	public DaprBindingsGrpcService(BindingClient client, RuntimeMetadata metadata, DaprApiPolicy policy) {
		this.client = client;
		this.metadata = metadataResponse(metadata);
		this.policy = policy;
	}

	private static GetMetadataResponse metadataResponse(RuntimeMetadata metadata) {
		GetMetadataResponse.Builder response = GetMetadataResponse.newBuilder()
			.setId(metadata.appId())
			.setRuntimeVersion(metadata.runtimeVersion())
			.putExtendedMetadata(RUNTIME_VERSION_KEY, metadata.runtimeVersion());
		for (RuntimeMetadata.Component component : metadata.components()) {
			response.addRegisteredComponents(RegisteredComponents.newBuilder()
				.setName(component.name())
				.setType(component.type())
				.setVersion(component.version())
				.addAllCapabilities(component.capabilities()));
		}
		return response.build();
	}

	@Override
	public ServerServiceDefinition bindService() {
		return ServerInterceptors.intercept(DaprGrpc.bindService(this), new CallStateInterceptor());
	}

	@Override
	public void getMetadata(GetMetadataRequest request, StreamObserver<GetMetadataResponse> responseObserver) {
		responseObserver.onNext(this.metadata);
		responseObserver.onCompleted();
	}

	@Override
	public void invokeBinding(InvokeBindingRequest request, StreamObserver<InvokeBindingResponse> responseObserver) {
		Context context = Context.current();
		Deadline deadline = context.getDeadline();
		if (context.isCancelled() || (deadline != null && deadline.isExpired())) {
			// cancelled, or past its deadline, before it was handled: the binding is not
			// called
			Status status = context.isCancelled() ? Contexts.statusFromCancelled(context)
					: Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed before it was handled");
			respondWithError(responseObserver, status.asRuntimeException());
			return;
		}
		String name = request.getName();
		if (!this.policy.allows(name, request.getOperation())) {
			responseObserver.onError(error(Code.PERMISSION_DENIED, ERR_PERMISSION_DENIED,
					this.policy.denied(name, request.getOperation())));
			return;
		}
		int maxMetadataEntries = this.policy.maxMetadataEntries();
		if (request.getMetadataCount() > maxMetadataEntries) {
			responseObserver.onError(tooManyMetadataEntries());
			return;
		}
		CallState call = CALL.get();
		Map<String, String> metadata = new LinkedHashMap<>(request.getMetadataMap());
		if (call != null) {
			String baggageProblem = GrpcRequestHeaders.copy(call.requestHeaders, call.authority, metadata);
			if (baggageProblem != null) {
				responseObserver.onError(Status.UNKNOWN.withDescription(baggageProblem).asRuntimeException());
				return;
			}
			if (metadata.size() > maxMetadataEntries) {
				responseObserver.onError(tooManyMetadataEntries());
				return;
			}
		}
		byte[] data = request.getData().isEmpty() ? null : request.getData().toByteArray();
		BindingRequest bindingRequest = new BindingRequest(request.getOperation(), data, metadata);
		CompletableFuture<BindingResponse> result;
		try {
			result = this.client.invokeAsync(name, bindingRequest);
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		if (!result.isDone() && responseObserver instanceof ServerCallStreamObserver<?> serverObserver) {
			// the client cancelled, or the deadline passed: the binding's call is
			// cancelled (and answering is no longer an error)
			CompletableFuture<BindingResponse> pending = result;
			serverObserver.setOnCancelHandler(() -> pending.cancel(false));
		}
		result.whenComplete((response, failure) -> {
			try {
				if (failure != null) {
					StatusRuntimeException error = invocationError(name, failure);
					if (logger.isDebugEnabled()) {
						logger.debug("InvokeBinding failed: " + error.getStatus().getDescription());
					}
					responseObserver.onError(error);
					return;
				}
				if (call != null) {
					call.addResponseMetadata(response.metadata());
				}
				responseObserver.onNext(response(response));
				responseObserver.onCompleted();
			}
			catch (RuntimeException ex) {
				// the call was cancelled or closed in the meantime
				logger.debug("Could not answer InvokeBinding for binding '" + name + "'", ex);
			}
		});
	}

	private StatusRuntimeException tooManyMetadataEntries() {
		return error(Code.INVALID_ARGUMENT, ERR_MALFORMED_REQUEST, this.policy.tooManyMetadataEntries());
	}

	private static void respondWithError(StreamObserver<?> responseObserver, StatusRuntimeException error) {
		try {
			responseObserver.onError(error);
		}
		catch (RuntimeException ex) {
			// the call is closed already
		}
	}

	private static InvokeBindingResponse response(BindingResponse response) {
		InvokeBindingResponse.Builder builder = InvokeBindingResponse.newBuilder().putAllMetadata(response.metadata());
		byte[] data = response.data();
		if (data != null) {
			builder.setData(ByteString.copyFrom(data));
		}
		return builder.build();
	}

	/**
	 * The gRPC error of a failed invocation, as daprd builds it.
	 * @param name the binding name
	 * @param failure the failure
	 * @return an {@code INTERNAL} error with an {@code ErrorInfo} detail
	 */
	static StatusRuntimeException invocationError(String name, Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = (cause instanceof BindingException bindingException) ? bindingException.getMessage()
				: new BindingException(name, String.valueOf(cause.getMessage()), cause).getMessage();
		return error(Code.INTERNAL, ERR_INVOKE_OUTPUT_BINDING, message);
	}

	/**
	 * A gRPC error in daprd's shape: the code, the message, and a
	 * {@code google.rpc.ErrorInfo} detail with Dapr's error code as its reason.
	 * @param code the status code
	 * @param reason Dapr's error code
	 * @param message the message
	 * @return the error
	 */
	static StatusRuntimeException error(Code code, String reason, String message) {
		ErrorInfo errorInfo = ErrorInfo.newBuilder().setReason(reason).setDomain(ERROR_DOMAIN).build();
		com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
			.setCode(code.getNumber())
			.setMessage(message)
			.addDetails(Any.pack(errorInfo))
			.build();
		return StatusProto.toStatusRuntimeException(status);
	}

	/**
	 * What the service needs of the call beyond the request message: its headers and
	 * authority, and the response headers it adds.
	 */
	private static final class CallState {

		private final Metadata requestHeaders;

		private final @Nullable String authority;

		private final Metadata responseHeaders = new Metadata();

		CallState(Metadata requestHeaders, @Nullable String authority) {
			this.requestHeaders = requestHeaders;
			this.authority = authority;
		}

		void addResponseMetadata(Map<String, String> metadata) {
			synchronized (this.responseHeaders) {
				metadata.forEach((key, value) -> {
					try {
						this.responseHeaders.put(
								Metadata.Key.of(RESPONSE_METADATA_PREFIX + key, Metadata.ASCII_STRING_MARSHALLER),
								value);
					}
					catch (IllegalArgumentException ex) {
						// not a valid gRPC header name; the value is still in the
						// response message
					}
				});
			}
		}

		void mergeResponseHeadersInto(Metadata headers) {
			synchronized (this.responseHeaders) {
				headers.merge(this.responseHeaders);
			}
		}

	}

	/**
	 * Makes the call's headers available to the service and adds its response headers.
	 */
	private static final class CallStateInterceptor implements ServerInterceptor {

		@Override
		public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
				ServerCallHandler<ReqT, RespT> next) {
			CallState state = new CallState(headers, call.getAuthority());
			ServerCall<ReqT, RespT> withResponseHeaders = new SimpleForwardingServerCall<>(call) {

				@Override
				public void sendHeaders(Metadata responseHeaders) {
					state.mergeResponseHeadersInto(responseHeaders);
					super.sendHeaders(responseHeaders);
				}

			};
			return Contexts.interceptCall(Context.current().withValue(CALL, state), withResponseHeaders, headers, next);
		}

	}

}
