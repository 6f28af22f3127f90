package dev.bindings.grpc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.bindings.grpc.proto.DaprGrpc;
import dev.bindings.grpc.proto.health.HealthCheckRequest;
import dev.bindings.grpc.proto.health.HealthCheckResponse;
import dev.bindings.grpc.proto.health.HealthCheckResponse.ServingStatus;
import dev.bindings.grpc.proto.health.HealthGrpc;
import dev.bindings.grpc.proto.health.HealthListRequest;
import dev.bindings.grpc.proto.health.HealthListResponse;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * gRPC's standard health service, {@code grpc.health.v1.Health}, beside Dapr's API on its
 * listener, so that probes and load balancers can ask whether the application takes
 * calls.
 * <ul>
 * <li>Two services are known: the server as a whole ({@code ""}) and
 * {@code dapr.proto.runtime.v1.Dapr}. Both are {@code SERVING} while the application is
 * ready (for a Spring Boot application: its readiness state is
 * {@code ACCEPTING_TRAFFIC}), else {@code NOT_SERVING}.</li>
 * <li>{@code Check} of another service fails {@code NOT_FOUND}; {@code Watch} of another
 * service answers {@code SERVICE_UNKNOWN} and stays open, as the health checking protocol
 * says.</li>
 * <li>{@code Watch} sends the status at once, then each change that
 * {@link #readinessChanged(boolean)} reports.</li>
 * <li>When the service stops (before the server does, so that the server's graceful
 * shutdown does not wait for open watches), every status becomes {@code NOT_SERVING}:
 * each watch gets it and is completed.</li>
 * </ul>
 * It needs no API token: see {@link DaprGrpcApiTokenInterceptor}.
 */
public class DaprGrpcHealthService implements HealthGrpc.AsyncService, BindableService, SmartLifecycle {

	/** The name of the server as a whole in health checks. */
	static final String SERVER = "";

	private static final Set<String> SERVICES = Set.of(SERVER, DaprGrpc.SERVICE_NAME);

	private static final Log logger = LogFactory.getLog(DaprGrpcHealthService.class);

	private final BooleanSupplier ready;

	private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	/**
	 * Create a service.
	 * @param ready whether the application is ready to take calls
	 */
	public DaprGrpcHealthService(BooleanSupplier ready) {
		this.ready = ready;
	}

	@Override
	public ServerServiceDefinition bindService() {
		return HealthGrpc.bindService(this);
	}

	@Override
	public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
		String service = request.getService();
		if (!SERVICES.contains(service)) {
			responseObserver
				.onError(Status.NOT_FOUND.withDescription("unknown service " + service).asRuntimeException());
			return;
		}
		responseObserver.onNext(response(status(service, this.ready.getAsBoolean())));
		responseObserver.onCompleted();
	}

	@Override
	public void list(HealthListRequest request, StreamObserver<HealthListResponse> responseObserver) {
		boolean ready = this.ready.getAsBoolean();
		HealthListResponse.Builder list = HealthListResponse.newBuilder();
		SERVICES.forEach((service) -> list.putStatuses(service, response(status(service, ready))));
		responseObserver.onNext(list.build());
		responseObserver.onCompleted();
	}

	@Override
	public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
		Watch watch = new Watch(request.getService(), (ServerCallStreamObserver<HealthCheckResponse>) responseObserver);
		watch.call.setOnCancelHandler(() -> this.watches.remove(watch));
		this.watches.add(watch);
		// after add: a change from now on reaches the watch, and a watch sends no status
		// twice
		watch.send(status(watch.service, this.ready.getAsBoolean()));
		if (!this.running) {
			this.watches.remove(watch);
			watch.complete();
		}
	}

	/**
	 * Tell the watches that the application's readiness changed.
	 * @param ready whether the application is now ready to take calls
	 */
	public void readinessChanged(boolean ready) {
		for (Watch watch : this.watches) {
			watch.send(status(watch.service, ready));
		}
	}

	private ServingStatus status(String service, boolean ready) {
		if (!SERVICES.contains(service)) {
			return ServingStatus.SERVICE_UNKNOWN;
		}
		return (ready && this.running) ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
	}

	private static HealthCheckResponse response(ServingStatus status) {
		return HealthCheckResponse.newBuilder().setStatus(status).build();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		for (Watch watch : this.watches) {
			this.watches.remove(watch);
			watch.send(status(watch.service, false));
			watch.complete();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops before the server, which then need not wait for open watches.
	 */
	@Override
	public int getPhase() {
		return DaprGrpcServer.PHASE + 1;
	}

	/**
	 * An open {@code Watch} call.
	 */
	private static final class Watch {

		private final String service;

		private final ServerCallStreamObserver<HealthCheckResponse> call;

		private @Nullable ServingStatus sent;

		Watch(String service, ServerCallStreamObserver<HealthCheckResponse> call) {
			this.service = service;
			this.call = call;
		}

		synchronized void send(ServingStatus status) {
			if (status == this.sent || this.call.isCancelled()) {
				return;
			}
			try {
				this.call.onNext(response(status));
				this.sent = status;
			}
			catch (RuntimeException ex) {
				// the call ended in the meantime
				logger.debug("Could not send a health status to a watch", ex);
			}
		}

		synchronized void complete() {
			try {
				this.call.onCompleted();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not complete a health watch", ex);
			}
		}

	}

}
