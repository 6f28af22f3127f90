package dev.bindings;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A live output binding: one Dapr component of an output binding type, ready to be
 * invoked.
 * <p>
 * Each configured component is registered as a bean of this type, named after the
 * component. Most code should call bindings through {@link BindingClient}, which checks
 * the operation and reports errors the way Dapr does; this interface is the SPI that
 * binding types implement. Implementations must not block the calling thread on I/O and
 * must complete the returned future, exceptionally when delivery fails.
 */
public interface OutputBinding {

	/**
	 * The operations this binding supports, in Dapr's order (for example
	 * {@code [create]}).
	 * @return the supported operations
	 */
	List<String> operations();

	/**
	 * Invoke the binding. The operation has already been checked against
	 * {@link #operations()} when the call comes through {@link BindingClient}.
	 * @param request the request
	 * @return a future that completes when the target system has accepted the request
	 */
	CompletableFuture<BindingResponse> invoke(BindingRequest request);

	/**
	 * Check that the target system can be reached, within a bounded time. Used by the
	 * health contributor; the default answers as Dapr does for bindings without a ping.
	 * @return a future that completes when the target answered, exceptionally otherwise
	 */
	default CompletableFuture<Void> ping() {
		return CompletableFuture
			.failedFuture(new UnsupportedOperationException("ping is not implemented by this output binding"));
	}

}
