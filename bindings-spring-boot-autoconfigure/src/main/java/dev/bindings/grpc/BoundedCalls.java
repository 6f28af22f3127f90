package dev.bindings.grpc;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.MoreExecutors;
import dev.bindings.grpc.proto.health.HealthGrpc;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Takes each call of the server, on the transport's thread, or refuses it at once: at
 * most {@code maxCalls} calls are in progress together (a call is in progress from its
 * start until it is closed, its binding's work included), and one more fails
 * {@code RESOURCE_EXHAUSTED} before anything is queued. A call that is taken runs its
 * callbacks (the service's code) one after the other on the bounded executor, in the
 * call's context; since each call has at most one task there at a time, an executor whose
 * queue holds {@code maxCalls} tasks never refuses one.
 * <p>
 * gRPC's health service is not counted and runs on the transport's thread (its answers
 * never block), so that probes are answered while the API is saturated, and open health
 * watches do not take the places of calls.
 * <p>
 * The server runs with grpc-java's direct executor: grpc-java's own default is an
 * unbounded pool, and a bounded pool given to grpc-java would refuse a call by resetting
 * its stream ({@code INTERNAL}, logged as a warning) rather than answering it.
 */
final class BoundedCalls implements ServerInterceptor {

	private static final Log logger = LogFactory.getLog(BoundedCalls.class);

	private final Executor executor;

	private final int maxCalls;

	private final AtomicInteger calls = new AtomicInteger();

	private final Status exhausted;

	/**
	 * Create the interceptor.
	 * @param executor the bounded executor of the calls' callbacks
	 * @param maxCalls the most calls in progress together
	 * @param property the property that sets {@code maxCalls}, named in the refusal
	 */
	BoundedCalls(Executor executor, int maxCalls, String property) {
		this.executor = executor;
		this.maxCalls = maxCalls;
		this.exhausted = Status.RESOURCE_EXHAUSTED
			.withDescription("too many calls in progress: Dapr's gRPC API takes at most " + maxCalls + " at once ("
					+ property + "); try again later");
	}

	@Override
	public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
			ServerCallHandler<ReqT, RespT> next) {
		if (HealthGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
			return next.startCall(call, headers);
		}
		if (this.calls.incrementAndGet() > this.maxCalls) {
			this.calls.decrementAndGet();
			call.close(this.exhausted, new Metadata());
			return new ServerCall.Listener<>() {
			};
		}
		Dispatching<ReqT> listener = new Dispatching<>(call, Context.current(),
				MoreExecutors.newSequentialExecutor(this.executor));
		try {
			listener.delegate = next.startCall(call, headers);
		}
		catch (RuntimeException | Error ex) {
			listener.release();
			throw ex;
		}
		return listener;
	}

	/**
	 * How many calls are in progress.
	 * @return the number of calls taken and not yet closed
	 */
	int inProgress() {
		return this.calls.get();
	}

	/**
	 * Passes a call's callbacks to the executor, one after the other, and gives its place
	 * back once the last one ({@code onComplete} or {@code onCancel}) has run.
	 */
	private final class Dispatching<ReqT> extends ServerCall.Listener<ReqT> {

		private final ServerCall<ReqT, ?> call;

		private final Context context;

		private final Executor serial;

		private final AtomicBoolean released = new AtomicBoolean();

		volatile ServerCall.@Nullable Listener<ReqT> delegate;

		Dispatching(ServerCall<ReqT, ?> call, Context context, Executor serial) {
			this.call = call;
			this.context = context;
			this.serial = serial;
		}

		@Override
		public void onMessage(ReqT message) {
			dispatch((listener) -> listener.onMessage(message), false);
		}

		@Override
		public void onHalfClose() {
			dispatch(ServerCall.Listener::onHalfClose, false);
		}

		@Override
		public void onReady() {
			dispatch(ServerCall.Listener::onReady, false);
		}

		@Override
		public void onCancel() {
			dispatch(ServerCall.Listener::onCancel, true);
		}

		@Override
		public void onComplete() {
			dispatch(ServerCall.Listener::onComplete, true);
		}

		private void dispatch(Callback<ReqT> callback, boolean last) {
			this.serial.execute(() -> {
				Context previous = this.context.attach();
				try {
					ServerCall.Listener<ReqT> listener = this.delegate;
					if (listener != null) {
						callback.run(listener);
					}
				}
				catch (RuntimeException | Error ex) {
					// as grpc-java does with an application's exception
					logger.warn("Dapr gRPC API: a call failed", ex);
					if (!last) {
						closeAfterFailure(ex);
					}
				}
				finally {
					this.context.detach(previous);
					if (last) {
						release();
					}
				}
			});
		}

		private void closeAfterFailure(Throwable failure) {
			try {
				this.call.close(Status.UNKNOWN.withDescription("Application error processing RPC").withCause(failure),
						new Metadata());
			}
			catch (RuntimeException ex) {
				// already closed
			}
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				BoundedCalls.this.calls.decrementAndGet();
			}
		}

	}

	@FunctionalInterface
	private interface Callback<ReqT> {

		void run(ServerCall.Listener<ReqT> listener);

	}

}
