package dev.bindings.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.bindings.support.BoundedExecutor;
import dev.bindings.web.ListenAddresses;
import io.grpc.BindableService;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The gRPC server of Dapr's API in the application: started with the application context,
 * stopped gracefully with it (calls in progress may finish, for up to 30 seconds).
 * <p>
 * It listens on the addresses it is given, by default loopback only ({@code 127.0.0.1},
 * and {@code ::1} where the machine has it), or on every interface when it is given none.
 * Each address has a server of its own (as with daprd, which serves a gRPC server per
 * listener), all with the same services and interceptors, all on the same port: with port
 * {@code 0} the first address gets a free port, and the others are bound on that port, so
 * that clients that resolve {@code localhost} to either address reach the API on the one
 * port that {@link #getPort()} reports. The transport is Netty, {@code grpc-netty-shaded}
 * when it is present, else {@code grpc-netty}.
 * <p>
 * A method that is not served, any other method of {@code dapr.proto.runtime.v1.Dapr} for
 * example, fails {@code UNIMPLEMENTED} with a message that says that this application
 * serves only Dapr output bindings.
 * <p>
 * Its resources are bounded ({@link Limits}): the calls' code runs on a fixed number of
 * threads instead of grpc-java's unbounded pool, at most a given number of calls are in
 * progress at once (one more fails {@code RESOURCE_EXHAUSTED} at once; gRPC's health
 * service is not counted), a connection has a bounded number of calls in progress (HTTP/2
 * {@code MAX_CONCURRENT_STREAMS}, clients queue the others), idle and old connections are
 * closed gracefully, clients' keepalive pings are limited as daprd limits them, and call
 * headers have a size limit.
 */
public class DaprGrpcServer implements SmartLifecycle {

	/** Dapr's default gRPC port ({@code DAPR_GRPC_PORT}). */
	public static final int DEFAULT_PORT = 50001;

	/** The property that limits the calls in progress, named in the refusal. */
	static final String MAX_CONCURRENT_CALLS_PROPERTY = "bindings.grpc.max-concurrent-calls";

	/**
	 * The phase of the server: it stops with the web server's graceful shutdown, before
	 * the bindings are closed.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;

	private static final Log logger = LogFactory.getLog(DaprGrpcServer.class);

	private final List<InetAddress> addresses;

	private final int port;

	private final List<BindableService> services;

	private final List<ServerInterceptor> interceptors;

	private final GrpcServerTransport transport;

	private final Limits limits;

	private final Object monitor = new Object();

	private volatile List<Server> servers = List.of();

	private volatile @Nullable BoundedExecutor executor;

	private volatile @Nullable BoundedCalls calls;

	/**
	 * Create a server.
	 * @param addresses the addresses to listen on, none for every interface
	 * @param port the port to listen on, {@code 0} for a free port
	 * @param services the services to serve
	 * @param interceptors the interceptors of every call, the first one outermost
	 */
	public DaprGrpcServer(List<InetAddress> addresses, int port, List<? extends BindableService> services,
			List<? extends ServerInterceptor> interceptors) {
		this(addresses, port, services, interceptors, Limits.DEFAULTS);
	}

	/**
	 * Create a server.
	 * @param addresses the addresses to listen on, none for every interface
	 * @param port the port to listen on, {@code 0} for a free port
	 * @param services the services to serve
	 * @param interceptors the interceptors of every call, the first one outermost
	 * @param limits the bounds of its resources
	 */
	public DaprGrpcServer(List<InetAddress> addresses, int port, List<? extends BindableService> services,
			List<? extends ServerInterceptor> interceptors, Limits limits) {
		this(addresses, port, services, interceptors, limits, GrpcServerTransport.netty());
	}

	DaprGrpcServer(List<InetAddress> addresses, int port, List<? extends BindableService> services,
			List<? extends ServerInterceptor> interceptors, Limits limits, GrpcServerTransport transport) {
		this.addresses = List.copyOf(addresses);
		this.port = port;
		this.services = List.copyOf(services);
		this.interceptors = List.copyOf(interceptors);
		this.limits = limits;
		this.transport = transport;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (!this.servers.isEmpty()) {
				return;
			}
			List<Server> started = new ArrayList<>();
			int boundPort = this.port;
			// one queue place per call in progress: each has at most one task there
			BoundedExecutor executor = new BoundedExecutor("grpc", this.limits.threads(),
					this.limits.maxConcurrentCalls(), Duration.ofSeconds(1));
			BoundedCalls calls = new BoundedCalls(executor::execute, this.limits.maxConcurrentCalls(),
					MAX_CONCURRENT_CALLS_PROPERTY);
			for (InetAddress host : hosts()) {
				InetSocketAddress address = new InetSocketAddress(host, boundPort);
				try {
					Server server = build(address, calls).start();
					started.add(server);
					// with port 0, the next addresses take the port that the first one
					// got
					boundPort = server.getPort();
				}
				catch (IOException | RuntimeException ex) {
					started.forEach(Server::shutdownNow);
					executor.close();
					if (ex instanceof RuntimeException runtime) {
						throw runtime;
					}
					throw new IllegalStateException(
							"Dapr's gRPC API could not listen on " + describe(address) + " (" + ex.getMessage()
									+ "). Is a Dapr sidecar, or another instance, still running? "
									+ "Set 'bindings.grpc.port' to another port, or 'bindings.grpc.enabled' to false.",
							ex);
				}
			}
			this.servers = List.copyOf(started);
			this.executor = executor;
			this.calls = calls;
			List<String> listening = getAddresses().stream().map(DaprGrpcServer::describe).toList();
			logger.info("Dapr gRPC API listening on " + String.join(", ", listening));
		}
	}

	private List<InetAddress> hosts() {
		return this.addresses.isEmpty() ? List.of(new InetSocketAddress(0).getAddress()) : this.addresses;
	}

	private Server build(InetSocketAddress address, BoundedCalls calls) {
		Limits limits = this.limits;
		ServerBuilder<?> builder = this.transport.forAddress(address, limits.maxConcurrentCallsPerConnection());
		// calls are taken or refused on the transport's thread, then run on the bounded
		// executor (BoundedCalls)
		builder.directExecutor();
		builder.maxInboundMetadataSize(limits.maxInboundMetadataSize());
		builder.permitKeepAliveTime(limits.permitKeepAliveTime().toNanos(), TimeUnit.NANOSECONDS);
		builder.permitKeepAliveWithoutCalls(limits.permitKeepAliveWithoutCalls());
		if (isSet(limits.maxConnectionIdle())) {
			builder.maxConnectionIdle(limits.maxConnectionIdle().toNanos(), TimeUnit.NANOSECONDS);
		}
		if (isSet(limits.maxConnectionAge())) {
			builder.maxConnectionAge(limits.maxConnectionAge().toNanos(), TimeUnit.NANOSECONDS);
			if (isSet(limits.maxConnectionAgeGrace())) {
				builder.maxConnectionAgeGrace(limits.maxConnectionAgeGrace().toNanos(), TimeUnit.NANOSECONDS);
			}
		}
		this.services.forEach(builder::addService);
		builder.fallbackHandlerRegistry(new UnimplementedMethods());
		// the interceptor added last runs first
		for (int i = this.interceptors.size() - 1; i >= 0; i--) {
			builder.intercept(this.interceptors.get(i));
		}
		builder.intercept(calls);
		return builder.build();
	}

	private static boolean isSet(Duration duration) {
		return !duration.isZero() && !duration.isNegative();
	}

	private static String describe(SocketAddress address) {
		if (address instanceof InetSocketAddress inet) {
			return ListenAddresses.describe(inet.getAddress(), inet.getPort());
		}
		return String.valueOf(address);
	}

	@Override
	public void stop() {
		Stopping stopping = shutdown();
		if (stopping != null) {
			stopping.awaitTermination();
		}
	}

	@Override
	public void stop(Runnable callback) {
		Stopping stopping = shutdown();
		if (stopping == null) {
			callback.run();
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				stopping.awaitTermination();
			}
			finally {
				callback.run();
			}
		}, "dapr-grpc-shutdown");
		thread.setDaemon(true);
		thread.start();
	}

	private @Nullable Stopping shutdown() {
		synchronized (this.monitor) {
			List<Server> stopping = this.servers;
			BoundedExecutor executor = this.executor;
			if (stopping.isEmpty() || executor == null) {
				return null;
			}
			this.servers = List.of();
			this.executor = null;
			this.calls = null;
			stopping.forEach(Server::shutdown);
			return new Stopping(stopping, executor);
		}
	}

	/**
	 * Servers that were told to shut down, and the executor of their calls, closed once
	 * they have.
	 */
	private record Stopping(List<Server> servers, BoundedExecutor executor) {

		void awaitTermination() {
			try {
				DaprGrpcServer.awaitTermination(this.servers);
			}
			finally {
				this.executor.close();
			}
		}

	}

	private static void awaitTermination(List<Server> servers) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_TIMEOUT_SECONDS);
		try {
			for (Server server : servers) {
				if (!server.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
					logger.warn("Calls to Dapr's gRPC API still in progress after " + SHUTDOWN_TIMEOUT_SECONDS
							+ " seconds; cancelling them");
					servers.forEach(Server::shutdownNow);
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			servers.forEach(Server::shutdownNow);
		}
	}

	@Override
	public boolean isRunning() {
		return !this.servers.isEmpty();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * The port the server listens on; while it does not run, the port it is configured
	 * with.
	 * @return the port
	 */
	public int getPort() {
		List<Server> running = this.servers;
		return (!running.isEmpty()) ? running.get(0).getPort() : this.port;
	}

	/**
	 * The addresses the server listens on, with their port.
	 * @return the addresses, none while the server does not run
	 */
	public List<InetSocketAddress> getAddresses() {
		List<InetSocketAddress> addresses = new ArrayList<>();
		for (Server server : this.servers) {
			for (SocketAddress address : server.getListenSockets()) {
				if (address instanceof InetSocketAddress inet) {
					addresses.add(inet);
				}
			}
		}
		return List.copyOf(addresses);
	}

	/**
	 * How many calls are in progress (gRPC's health service not counted).
	 * @return the number of calls taken and not yet closed, {@code 0} while the server
	 * does not run
	 */
	int callsInProgress() {
		BoundedCalls calls = this.calls;
		return (calls != null && isRunning()) ? calls.inProgress() : 0;
	}

	/**
	 * The bounds of the server's resources.
	 *
	 * @param threads the threads that run the calls' code (the service's handling of a
	 * call, not the binding's work, which is asynchronous); idle ones end after 60
	 * seconds
	 * @param maxConcurrentCalls the most calls in progress at once over all connections
	 * (gRPC's health service not counted); one more fails {@code RESOURCE_EXHAUSTED} at
	 * once
	 * @param maxConcurrentCallsPerConnection the most calls in progress on one connection
	 * (HTTP/2 {@code SETTINGS_MAX_CONCURRENT_STREAMS}); clients queue the others
	 * @param maxConnectionIdle how long a connection without calls stays open before it
	 * is closed gracefully ({@code GOAWAY}); zero for no limit
	 * @param maxConnectionAge how long a connection lives before it is closed gracefully;
	 * zero for no limit
	 * @param maxConnectionAgeGrace how long the calls of a connection past its age may
	 * still take before they are cancelled; zero for no limit
	 * @param permitKeepAliveTime the shortest interval between a client's keepalive pings
	 * (more frequent pings close the connection with {@code too_many_pings})
	 * @param permitKeepAliveWithoutCalls whether clients may ping connections without
	 * calls
	 * @param maxInboundMetadataSize the largest size of a call's headers, in bytes
	 */
	public record Limits(int threads, int maxConcurrentCalls, int maxConcurrentCallsPerConnection,
			Duration maxConnectionIdle, Duration maxConnectionAge, Duration maxConnectionAgeGrace,
			Duration permitKeepAliveTime, boolean permitKeepAliveWithoutCalls, int maxInboundMetadataSize) {

		/** The defaults, those of {@code bindings.grpc.*}. */
		public static final Limits DEFAULTS = new Limits(64, 1000, 100, Duration.ofMinutes(3), Duration.ofHours(1),
				Duration.ofMinutes(1), Duration.ofSeconds(8), true, 8192);

		public Limits {
			if (threads < 1 || maxConcurrentCalls < 1 || maxConcurrentCallsPerConnection < 1
					|| maxInboundMetadataSize < 1) {
				throw new IllegalArgumentException("threads, calls and the metadata size must be at least 1");
			}
		}

	}

	/**
	 * Answers every method that no service serves.
	 */
	private static final class UnimplementedMethods extends HandlerRegistry {

		private static final MethodDescriptor.Marshaller<InputStream> RAW = new MethodDescriptor.Marshaller<>() {

			@Override
			public InputStream stream(InputStream value) {
				return value;
			}

			@Override
			public InputStream parse(InputStream stream) {
				return new ByteArrayInputStream(new byte[0]);
			}

		};

		@Override
		public ServerMethodDefinition<?, ?> lookupMethod(String methodName, @Nullable String authority) {
			MethodDescriptor<InputStream, InputStream> method = MethodDescriptor.newBuilder(RAW, RAW)
				.setFullMethodName(methodName)
				.setType(MethodDescriptor.MethodType.UNKNOWN)
				.build();
			String message = "this application serves only Dapr output bindings "
					+ "(dapr.proto.runtime.v1.Dapr/InvokeBinding and GetMetadata), not " + methodName;
			return ServerMethodDefinition.create(method, (call, headers) -> {
				call.close(Status.UNIMPLEMENTED.withDescription(message), new Metadata());
				return new ServerCall.Listener<>() {
				};
			});
		}

	}

}
