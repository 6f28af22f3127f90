package dev.bindings.grpc;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
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
import dev.bindings.grpc.proto.DaprBindingsProtos.GetMetadataRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingResponse;
import dev.bindings.grpc.proto.DaprGrpc;
import dev.bindings.grpc.proto.health.HealthCheckRequest;
import dev.bindings.grpc.proto.health.HealthCheckResponse;
import dev.bindings.grpc.proto.health.HealthCheckResponse.ServingStatus;
import dev.bindings.grpc.proto.health.HealthGrpc;
import dev.bindings.registry.RuntimeMetadata;
import io.grpc.Context;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DaprGrpcServer}: its lifecycle and its listeners, with a binding
 * client whose invocations complete when the test says so.
 */
class DaprGrpcServerTests {

	private static final RuntimeMetadata METADATA = new RuntimeMetadata("app", "1.0", List.of());

	private static final InetAddress IPV4_LOOPBACK = address("127.0.0.1");

	@Test
	void stopLetsTheCallsInProgressFinishBeforeItCallsBack() throws Exception {
		PendingBindingClient client = new PendingBindingClient();
		DaprGrpcServer server = server(List.of(IPV4_LOOPBACK), 0, client);
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
	void aCallPastItsDeadlineWhenItIsHandledDoesNotReachTheBinding() throws Exception {
		PendingBindingClient client = new PendingBindingClient();
		CountDownLatch handled = new CountDownLatch(1);
		ServerInterceptor holdUntilTheDeadline = new ServerInterceptor() {

			@Override
			public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
					ServerCallHandler<ReqT, RespT> next) {
				Context context = Context.current();
				return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {

					@Override
					public void onHalfClose() {
						// the call reaches the service only once its deadline has passed
						CountDownLatch expired = new CountDownLatch(1);
						context.addListener((cancelled) -> expired.countDown(), Runnable::run);
						try {
							if (expired.await(30, TimeUnit.SECONDS)) {
								super.onHalfClose();
							}
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						finally {
							handled.countDown();
						}
					}

				};
			}

		};
		DaprGrpcServer server = new DaprGrpcServer(List.of(IPV4_LOOPBACK), 0,
				List.of(new DaprBindingsGrpcService(client, METADATA)), List.of(holdUntilTheDeadline));
		server.start();
		ManagedChannel channel = Grpc
			.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
			.build();
		try {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> DaprGrpc.newBlockingStub(channel)
					.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
					.invokeBinding(InvokeBindingRequest.newBuilder().setName("slow").setOperation("get").build()))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
			assertThat(handled.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(client.invoked.getCount()).as("the binding was not called").isEqualTo(1);
		}
		finally {
			channel.shutdownNow();
			server.stop();
		}
	}

	@Test
	void portIsTheBoundPortWhileRunningAndTheConfiguredOneOtherwise() {
		DaprGrpcServer server = server(List.of(IPV4_LOOPBACK), 0, new PendingBindingClient());
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
		try (ServerSocket taken = new ServerSocket(0, 50, IPV4_LOOPBACK)) {
			DaprGrpcServer server = server(List.of(IPV4_LOOPBACK), taken.getLocalPort(), new PendingBindingClient());
			assertThatIllegalStateException().isThrownBy(server::start)
				.withMessageStartingWith("Dapr's gRPC API could not listen on 127.0.0.1:" + taken.getLocalPort())
				.withMessageContaining("bindings.grpc.port")
				.withMessageContaining("bindings.grpc.enabled");
		}
	}

	@Test
	void loopbackAddressesAreBoundOnTheSamePortWithPortZero() {
		List<InetAddress> loopback = loopbackAddresses();
		DaprGrpcServer server = server(loopback, 0, new PendingBindingClient());
		server.start();
		try {
			assertThat(server.getAddresses()).extracting(InetSocketAddress::getAddress)
				.containsExactlyElementsOf(loopback);
			assertThat(server.getAddresses()).extracting(InetSocketAddress::getPort).containsOnly(server.getPort());
			for (InetAddress address : loopback) {
				assertThat(metadataId(new InetSocketAddress(address, server.getPort()))).isEqualTo("app");
			}
		}
		finally {
			server.stop();
		}
	}

	@Test
	void loopbackServerIsBoundToLoopbackOnly() throws Exception {
		// what the sockets are bound to, as the transport reports them: tests send
		// traffic to
		// loopback only, never to the machine's other addresses
		DaprGrpcServer server = server(loopbackAddresses(), 0, new PendingBindingClient());
		server.start();
		try {
			assertThat(server.getAddresses()).isNotEmpty()
				.allMatch((address) -> address.getAddress().isLoopbackAddress());
			connect(new InetSocketAddress(IPV4_LOOPBACK, server.getPort()));
		}
		finally {
			server.stop();
		}
	}

	@Test
	void noAddressesMeansEveryInterface() throws Exception {
		DaprGrpcServer server = server(List.of(), 0, new PendingBindingClient());
		server.start();
		try {
			assertThat(server.getAddresses()).singleElement()
				.satisfies((address) -> assertThat(address.getAddress().isAnyLocalAddress()).isTrue());
			assertThat(metadataId(new InetSocketAddress(IPV4_LOOPBACK, server.getPort()))).isEqualTo("app");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void serverRunsOnTheUnshadedNettyTransportToo() {
		DaprGrpcServer server = new DaprGrpcServer(List.of(IPV4_LOOPBACK), 0,
				List.of(new DaprBindingsGrpcService(new PendingBindingClient(), METADATA)), List.of(),
				DaprGrpcServer.Limits.DEFAULTS, new NettyServerTransport());
		server.start();
		try {
			assertThat(metadataId(new InetSocketAddress(IPV4_LOOPBACK, server.getPort()))).isEqualTo("app");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void openHealthWatchesGetNotServingAndEndWhenTheHealthServiceStops() {
		DaprGrpcHealthService health = new DaprGrpcHealthService(() -> true);
		DaprGrpcServer server = new DaprGrpcServer(List.of(IPV4_LOOPBACK), 0, List.of(health), List.of());
		health.start();
		server.start();
		ManagedChannel channel = Grpc
			.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
			.build();
		try {
			Iterator<HealthCheckResponse> watch = HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.watch(HealthCheckRequest.getDefaultInstance());
			assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.SERVING);
			health.stop();
			assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
			assertThat(watch.hasNext()).isFalse();
			assertThat(HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance())
				.getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
		}
		finally {
			channel.shutdownNow();
			server.stop();
		}
	}

	@Test
	void shadedNettyIsTheTransportWhenBothArePresent() {
		assertThat(GrpcServerTransport.netty()).isInstanceOf(ShadedNettyServerTransport.class);
	}

	private static DaprGrpcServer server(List<InetAddress> addresses, int port, BindingClient client) {
		return new DaprGrpcServer(addresses, port, List.of(new DaprBindingsGrpcService(client, METADATA)), List.of());
	}

	private static String metadataId(InetSocketAddress address) {
		ManagedChannel channel = Grpc
			.newChannelBuilderForAddress(hostString(address.getAddress()), address.getPort(),
					InsecureChannelCredentials.create())
			.build();
		try {
			return DaprGrpc.newBlockingStub(channel)
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.getMetadata(GetMetadataRequest.getDefaultInstance())
				.getId();
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static String hostString(InetAddress address) {
		return (address instanceof Inet6Address) ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
	}

	private static void connect(InetSocketAddress address) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(address, 10_000);
		}
	}

	/**
	 * The loopback addresses of the machine: {@code 127.0.0.1}, and {@code ::1} when the
	 * loopback interface has it.
	 */
	private static List<InetAddress> loopbackAddresses() {
		List<InetAddress> addresses = new ArrayList<>(List.of(IPV4_LOOPBACK));
		for (InetAddress address : interfaceAddresses(true)) {
			if (address instanceof Inet6Address) {
				addresses.add(address("::1"));
				break;
			}
		}
		return addresses;
	}

	private static List<InetAddress> interfaceAddresses(boolean loopback) {
		List<InetAddress> addresses = new ArrayList<>();
		try {
			for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (network.isUp() && network.isLoopback() == loopback) {
					addresses.addAll(Collections.list(network.getInetAddresses()));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return addresses;
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
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
