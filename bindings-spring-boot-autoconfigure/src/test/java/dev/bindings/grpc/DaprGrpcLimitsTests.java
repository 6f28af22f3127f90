package dev.bindings.grpc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.rpc.ErrorInfo;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingResponse;
import dev.bindings.grpc.proto.DaprGrpc;
import dev.bindings.grpc.proto.health.HealthCheckRequest;
import dev.bindings.grpc.proto.health.HealthCheckResponse.ServingStatus;
import dev.bindings.grpc.proto.health.HealthGrpc;
import dev.bindings.test.Bindings;
import dev.bindings.test.TestBindingFactory;
import dev.bindings.web.LocalDaprHttpPort;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What Dapr's gRPC API lets callers do beyond daprd's checks, and its bounds, through a
 * real port with a plain grpc-java client: the operation allow-list, the metadata limit,
 * cancellation and deadlines reaching the binding, the calls of one connection, and the
 * calls of the whole server, refused {@code RESOURCE_EXHAUSTED} once it is saturated
 * while the application keeps serving.
 */
@SpringBootTest(classes = DaprGrpcLimitsTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "bindings.components.orders-db.type=bindings.test.counting",
				"bindings.components.open.type=bindings.test.counting",
				"bindings.components.held.type=bindings.test.counting", "bindings.components.held.metadata.hold=true",
				"bindings.components.orders-db.metadata.operations=create,get,delete",
				"bindings.api.allowed-operations.orders-db=get", "bindings.limits.max-metadata-entries=8",
				"bindings.grpc.threads=2", "bindings.grpc.max-concurrent-calls=3",
				"bindings.grpc.max-concurrent-calls-per-connection=2" })
class DaprGrpcLimitsTests {

	@Autowired
	DaprGrpcServer server;

	@Autowired
	TestBindingFactory slow;

	@LocalDaprHttpPort
	int httpPort;

	private final List<ManagedChannel> channels = new ArrayList<>();

	@AfterEach
	void closeChannels() throws InterruptedException {
		this.slow.release();
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void anAllowedOperationReachesTheBinding() {
		int before = this.slow.invocations();
		stub(channel()).invokeBinding(request("orders-db", "get").build());
		assertThat(this.slow.invocations()).isEqualTo(before + 1);
	}

	@Test
	void anotherOperationFailsPermissionDeniedWithDaprsErrorInfoWithoutReachingTheBinding() {
		int before = this.slow.invocations();
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> stub(channel()).invokeBinding(request("orders-db", "create").build()))
			.satisfies((ex) -> assertError(ex, Status.Code.PERMISSION_DENIED, "ERR_PERMISSION_DENIED",
					"access denied by policy to invoke operation \"create\" on binding \"orders-db\""));
		assertThat(this.slow.invocations()).isEqualTo(before);
	}

	@Test
	void requestMetadataOverTheLimitFailsInvalidArgumentWithoutReachingTheBinding() {
		int before = this.slow.invocations();
		InvokeBindingRequest.Builder request = request("open", "create");
		for (int i = 0; i < 9; i++) {
			request.putMetadata("k" + i, "v");
		}
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> stub(channel()).invokeBinding(request.build()))
			.satisfies((ex) -> assertError(ex, Status.Code.INVALID_ARGUMENT, "ERR_MALFORMED_REQUEST",
					"request metadata has more than 8 entries (the limit is bindings.limits.max-metadata-entries)"));
		assertThat(this.slow.invocations()).isEqualTo(before);
	}

	@Test
	void copiedCallHeadersCountTowardsTheLimit() {
		Metadata headers = new Metadata();
		for (int i = 0; i < 8; i++) {
			headers.put(Metadata.Key.of("x-extra-" + i, Metadata.ASCII_STRING_MARSHALLER), "v");
		}
		InvokeBindingRequest request = request("open", "create").putMetadata("k", "v").build();
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> stub(channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
				.invokeBinding(request))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
		assertThat(stub(channel()).invokeBinding(request)).isEqualTo(InvokeBindingResponse.getDefaultInstance());
	}

	@Test
	void aCancelledCallCancelsTheBindingsCall() {
		int cancelled = this.slow.cancelled();
		int held = this.slow.held();
		ListenableFuture<InvokeBindingResponse> call = DaprGrpc.newFutureStub(channel())
			.invokeBinding(request("held", "create").build());
		TestBindingFactory.await(this.slow::held, held + 1);
		call.cancel(true);
		TestBindingFactory.await(this.slow::cancelled, cancelled + 1);
	}

	@Test
	void aCallPastItsDeadlineCancelsTheBindingsCall() {
		int cancelled = this.slow.cancelled();
		int held = this.slow.held();
		ListenableFuture<InvokeBindingResponse> call = DaprGrpc.newFutureStub(channel())
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.invokeBinding(request("held", "create").build());
		TestBindingFactory.await(this.slow::held, held + 1);
		TestBindingFactory.await(this.slow::cancelled, cancelled + 1);
		assertThat(call).failsWithin(Bindings.TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.satisfies((ex) -> assertThat(Status.fromThrowable(ex).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
	}

	@Test
	void aConnectionHasAtMostItsNumberOfCallsInProgressAndTheOthersWait() throws Exception {
		awaitNoCallInProgress();
		ManagedChannel one = channel();
		List<ListenableFuture<InvokeBindingResponse>> calls = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			calls.add(DaprGrpc.newFutureStub(one).invokeBinding(request("held", "create").build()));
		}
		TestBindingFactory.await(this.slow::held, 2);
		// another connection is served meanwhile, after the three calls were sent
		stub(channel()).invokeBinding(request("held", "create").putMetadata("hold", "false").build());
		assertThat(this.slow.held()).as("the third call of the connection waits in the client").isEqualTo(2);
		this.slow.releaseOne();
		TestBindingFactory.await(() -> (int) calls.stream().filter(ListenableFuture::isDone).count(), 1);
		TestBindingFactory.await(this.slow::held, 2);
		this.slow.release();
		for (ListenableFuture<InvokeBindingResponse> call : calls) {
			assertThat(call.get(Bindings.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isEqualTo(InvokeBindingResponse.getDefaultInstance());
		}
	}

	@Test
	void aSaturatedServerRefusesCallsAtOnceWhileTheApplicationKeepsServing() throws Exception {
		awaitNoCallInProgress();
		ManagedChannel one = channel();
		ManagedChannel two = channel();
		List<ListenableFuture<InvokeBindingResponse>> calls = new ArrayList<>();
		calls.add(DaprGrpc.newFutureStub(one).invokeBinding(request("held", "create").build()));
		calls.add(DaprGrpc.newFutureStub(one).invokeBinding(request("held", "create").build()));
		calls.add(DaprGrpc.newFutureStub(two).invokeBinding(request("held", "create").build()));
		TestBindingFactory.await(this.slow::held, 3);
		ManagedChannel three = channel();
		int before = this.slow.invocations();
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> stub(three).invokeBinding(request("open", "create").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
				assertThat(ex.getStatus().getDescription())
					.isEqualTo("too many calls in progress: Dapr's gRPC API takes at most 3 at once "
							+ "(bindings.grpc.max-concurrent-calls); try again later");
			});
		assertThat(this.slow.invocations()).isEqualTo(before);
		// the application keeps serving: gRPC health checks, the HTTP API
		assertThat(HealthGrpc.newBlockingStub(three)
			.withDeadlineAfter(30, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus()).isEqualTo(ServingStatus.SERVING);
		HttpClient http = HttpClient.newHttpClient();
		assertThat(http
			.send(HttpRequest.newBuilder(httpUri("/v1.0/healthz")).GET().build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(204);
		assertThat(http
			.send(HttpRequest.newBuilder(httpUri("/v1.0/bindings/open"))
				.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"create\"}"))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(204);
		this.slow.release();
		for (ListenableFuture<InvokeBindingResponse> call : calls) {
			call.get(Bindings.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		awaitNoCallInProgress();
		assertThat(stub(three).invokeBinding(request("open", "create").build()))
			.isEqualTo(InvokeBindingResponse.getDefaultInstance());
	}

	/**
	 * Wait until the calls of earlier tests have given their places back.
	 */
	private void awaitNoCallInProgress() {
		TestBindingFactory.await(() -> (this.server.callsInProgress() == 0) ? 1 : 0, 1);
	}

	private static void assertError(StatusRuntimeException ex, Status.Code code, String reason, String message) {
		assertThat(ex.getStatus().getCode()).isEqualTo(code);
		assertThat(ex.getStatus().getDescription()).isEqualTo(message);
		com.google.rpc.Status status = StatusProto.fromThrowable(ex);
		assertThat(status).isNotNull();
		try {
			ErrorInfo errorInfo = status.getDetails(0).unpack(ErrorInfo.class);
			assertThat(errorInfo.getReason()).isEqualTo(reason);
			assertThat(errorInfo.getDomain()).isEqualTo("dapr.io");
		}
		catch (com.google.protobuf.InvalidProtocolBufferException invalid) {
			throw new AssertionError(invalid);
		}
	}

	private ManagedChannel channel() {
		ManagedChannel channel = Grpc
			.newChannelBuilderForAddress("127.0.0.1", this.server.getPort(), InsecureChannelCredentials.create())
			.build();
		this.channels.add(channel);
		return channel;
	}

	private static DaprGrpc.DaprBlockingStub stub(ManagedChannel channel) {
		return DaprGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	private static InvokeBindingRequest.Builder request(String name, String operation) {
		return InvokeBindingRequest.newBuilder().setName(name).setOperation(operation);
	}

	private URI httpUri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		TestBindingFactory countingBindingFactory() {
			return TestBindingFactory.counting();
		}

	}

}
