package dev.bindings.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.HandlerRegistry;
import io.grpc.InsecureServerCredentials;
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
 * A method that is not served, any other method of {@code dapr.proto.runtime.v1.Dapr} for
 * example, fails {@code UNIMPLEMENTED} with a message that says that this application serves
 * only Dapr output bindings.
 */
public class DaprGrpcServer implements SmartLifecycle {

	/** Dapr's default gRPC port ({@code DAPR_GRPC_PORT}). */
	public static final int DEFAULT_PORT = 50001;

	/**
	 * The phase of the server: it stops with the web server's graceful shutdown, before the
	 * bindings are closed.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;

	private static final Log logger = LogFactory.getLog(DaprGrpcServer.class);

	private final int port;

	private final List<BindableService> services;

	private final List<ServerInterceptor> interceptors;

	private final Object monitor = new Object();

	private volatile @Nullable Server server;

	/**
	 * Create a server.
	 * @param port the port to listen on, {@code 0} for a free port
	 * @param services the services to serve
	 * @param interceptors the interceptors of every call, the first one outermost
	 */
	public DaprGrpcServer(int port, List<? extends BindableService> services,
			List<? extends ServerInterceptor> interceptors) {
		this.port = port;
		this.services = List.copyOf(services);
		this.interceptors = List.copyOf(interceptors);
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.server != null) {
				return;
			}
			ServerBuilder<?> builder = Grpc.newServerBuilderForPort(this.port, InsecureServerCredentials.create());
			this.services.forEach(builder::addService);
			builder.fallbackHandlerRegistry(new UnimplementedMethods());
			// the interceptor added last runs first
			for (int i = this.interceptors.size() - 1; i >= 0; i--) {
				builder.intercept(this.interceptors.get(i));
			}
			try {
				this.server = builder.build().start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Dapr's gRPC API could not listen on port " + this.port + " ("
						+ ex.getMessage() + "). Is a Dapr sidecar, or another instance, still running? "
						+ "Set 'bindings.grpc.port' to another port, or 'bindings.grpc.enabled' to false.", ex);
			}
			logger.info("Dapr gRPC API (InvokeBinding) listening on port " + getPort());
		}
	}

	@Override
	public void stop() {
		Server stopping = shutdown();
		if (stopping != null) {
			awaitTermination(stopping);
		}
	}

	@Override
	public void stop(Runnable callback) {
		Server stopping = shutdown();
		if (stopping == null) {
			callback.run();
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				awaitTermination(stopping);
			}
			finally {
				callback.run();
			}
		}, "dapr-grpc-shutdown");
		thread.setDaemon(true);
		thread.start();
	}

	private @Nullable Server shutdown() {
		synchronized (this.monitor) {
			Server stopping = this.server;
			this.server = null;
			if (stopping != null) {
				stopping.shutdown();
			}
			return stopping;
		}
	}

	private static void awaitTermination(Server server) {
		try {
			if (!server.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				logger.warn("Calls to Dapr's gRPC API still in progress after " + SHUTDOWN_TIMEOUT_SECONDS
						+ " seconds; cancelling them");
				server.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			server.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * The port the server listens on; while it does not run, the port it is configured with.
	 * @return the port
	 */
	public int getPort() {
		Server running = this.server;
		return (running != null) ? running.getPort() : this.port;
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
					+ "(dapr.proto.runtime.v1.Dapr/InvokeBinding), not " + methodName;
			return ServerMethodDefinition.create(method, (call, headers) -> {
				call.close(Status.UNIMPLEMENTED.withDescription(message), new Metadata());
				return new ServerCall.Listener<>() {
				};
			});
		}

	}

}
