package dev.bindings.grpc;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.bindings.BindingClient;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingResponse;
import dev.bindings.grpc.proto.DaprGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DaprGrpcServer}: its lifecycle, with a binding client whose invocations
 * complete when the test says so.
 */
class DaprGrpcServerTests {

	@Test
	void stopLetsTheCallsInProgressFinishBeforeItCallsBack() throws Exception {
		PendingBindingClient client = new PendingBindingClient();
		DaprGrpcServer server = new DaprGrpcServer(0, List.of(new DaprBindingsGrpcService(client)), List.of());
		server.start();
		ManagedChannel channel = Grpc
			.newChannelBuilderForAddress("localhost", server.getPort(), InsecureChannelCredentials.create())
			.build();
		try {
			ListenableFuture<InvokeBindingResponse> call = DaprGrpc.newFutureStub(channel)
				.invokeBinding(InvokeBindingRequest.newBuilder().setName("slow").setOperation("get").build());
			assertThat(client.invoked.await(10, TimeUnit.SECONDS)).isTrue();
			CountDownLatch stopped = new CountDownLatch(1);
			server.stop(stopped::countDown);
			assertThat(server.isRunning()).isFalse();
			assertThat(stopped.await(300, TimeUnit.MILLISECONDS)).isFalse();
			client.result.complete(BindingResponse.of("done".getBytes(StandardCharsets.UTF_8), Map.of()));
			assertThat(call.get(10, TimeUnit.SECONDS).getData()).isEqualTo(ByteString.copyFromUtf8("done"));
			assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			channel.shutdownNow();
		}
	}

	@Test
	void portIsTheBoundPortWhileRunningAndTheConfiguredOneOtherwise() {
		DaprGrpcServer server = new DaprGrpcServer(0, List.of(new DaprBindingsGrpcService(new PendingBindingClient())),
				List.of());
		assertThat(server.getPort()).isZero();
		server.start();
		try {
			assertThat(server.isRunning()).isTrue();
			assertThat(server.getPort()).isPositive();
		}
		finally {
			server.stop();
		}
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void portInUseFailsStartWithAMessageThatSaysWhatToChange() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			DaprGrpcServer server = new DaprGrpcServer(taken.getLocalPort(),
					List.of(new DaprBindingsGrpcService(new PendingBindingClient())), List.of());
			assertThatIllegalStateException().isThrownBy(server::start)
				.withMessageStartingWith("Dapr's gRPC API could not listen on port " + taken.getLocalPort())
				.withMessageContaining("bindings.grpc.port")
				.withMessageContaining("bindings.grpc.enabled");
		}
	}

	/**
	 * A client whose invocations complete with {@link #result}.
	 */
	static class PendingBindingClient implements BindingClient {

		final CompletableFuture<BindingResponse> result = new CompletableFuture<>();

		final CountDownLatch invoked = new CountDownLatch(1);

		@Override
		public CompletableFuture<BindingResponse> invokeAsync(String name, String operation, @Nullable Object data,
				Map<String, String> metadata) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CompletableFuture<BindingResponse> invokeAsync(String name, BindingRequest request) {
			this.invoked.countDown();
			return this.result;
		}

	}

}
