package dev.bindings.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.support.BoundedExecutor;
import org.jspecify.annotations.Nullable;

/**
 * A binding type for tests, {@code bindings.test.slow}, with the operations
 * {@code create}, {@code get} and {@code delete}: it counts the calls that reach it, and
 * each call answers no content, at once or, when held, once the test lets it.
 * <ul>
 * <li>Component metadata {@code hold: "true"}: every call waits until {@link #release()}
 * (every call held at that moment) or {@link #releaseOne()} (the oldest one). A call
 * whose future is cancelled meanwhile is counted in {@link #cancelled()}.</li>
 * <li>Component metadata {@code threads} and {@code queueCapacity}: as a binding whose
 * client blocks, each call runs on a {@link BoundedExecutor} of that many threads and
 * queue places and blocks its thread until it is released; a call that finds the queue
 * full fails at once, as every such type of the project does.</li>
 * <li>Request metadata {@code hold: "false"} lets a call through at once on a held
 * component.</li>
 * </ul>
 * Waits are bounded ({@link Bindings#TIMEOUT}).
 */
public class SlowBindingFactory implements OutputBindingFactory {

	private final AtomicInteger invocations = new AtomicInteger();

	private final AtomicInteger held = new AtomicInteger();

	private final AtomicInteger maxHeld = new AtomicInteger();

	private final AtomicInteger cancelled = new AtomicInteger();

	private final ConcurrentLinkedQueue<CompletableFuture<BindingResponse>> waiting = new ConcurrentLinkedQueue<>();

	@Override
	public String type() {
		return "bindings.test.slow";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		Map<String, String> metadata = component.metadata();
		boolean hold = Boolean.parseBoolean(metadata.getOrDefault("hold", "false"));
		BoundedExecutor executor = null;
		if (metadata.containsKey("threads")) {
			executor = new BoundedExecutor(component.name(), Integer.parseInt(metadata.get("threads")),
					Integer.parseInt(metadata.getOrDefault("queueCapacity", "1")), Duration.ofSeconds(1));
		}
		return new SlowBinding(hold, executor);
	}

	/**
	 * A binding of this type; closing it closes its executor.
	 */
	private final class SlowBinding implements OutputBinding, AutoCloseable {

		private final boolean hold;

		private final @Nullable BoundedExecutor blocking;

		SlowBinding(boolean hold, @Nullable BoundedExecutor blocking) {
			this.hold = hold;
			this.blocking = blocking;
		}

		@Override
		public List<String> operations() {
			return List.of("create", "get", "delete");
		}

		@Override
		public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
			SlowBindingFactory.this.invocations.incrementAndGet();
			if (this.blocking != null) {
				return this.blocking.supply(SlowBindingFactory.this::block, "the binding is closed",
						"too many calls waiting for a thread (at most " + this.blocking.getQueueCapacity() + ")");
			}
			if (!this.hold || "false".equals(request.metadata().get("hold"))) {
				return CompletableFuture.completedFuture(BindingResponse.noContent());
			}
			return hold();
		}

		@Override
		public void close() {
			if (this.blocking != null) {
				this.blocking.close();
			}
		}

	}

	private BindingResponse block() {
		try {
			return hold().get(Bindings.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("the test never released the call", ex);
		}
	}

	private CompletableFuture<BindingResponse> hold() {
		CompletableFuture<BindingResponse> call = new CompletableFuture<>();
		int now = this.held.incrementAndGet();
		this.maxHeld.accumulateAndGet(now, Math::max);
		call.whenComplete((response, failure) -> {
			this.held.decrementAndGet();
			if (failure instanceof CancellationException) {
				this.cancelled.incrementAndGet();
			}
		});
		call.orTimeout(Bindings.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		this.waiting.add(call);
		return call;
	}

	/**
	 * Let every call held now complete.
	 */
	public void release() {
		CompletableFuture<BindingResponse> call;
		while ((call = this.waiting.poll()) != null) {
			call.complete(BindingResponse.noContent());
		}
	}

	/**
	 * Let the oldest held call that still waits complete.
	 */
	public void releaseOne() {
		CompletableFuture<BindingResponse> call;
		while ((call = this.waiting.poll()) != null) {
			if (call.complete(BindingResponse.noContent())) {
				return;
			}
		}
		throw new AssertionError("no call is waiting");
	}

	/**
	 * How many calls reached a binding of this type.
	 * @return the number of calls
	 */
	public int invocations() {
		return this.invocations.get();
	}

	/**
	 * How many calls are held now.
	 * @return the number of calls waiting for the test
	 */
	public int held() {
		return this.held.get();
	}

	/**
	 * The most calls that were held at once.
	 * @return the number of calls
	 */
	public int maxHeld() {
		return this.maxHeld.get();
	}

	/**
	 * How many held calls saw their future cancelled.
	 * @return the number of calls
	 */
	public int cancelled() {
		return this.cancelled.get();
	}

	/**
	 * Wait until a count reaches a number.
	 * @param count the count, for example {@code factory::held}
	 * @param expected the number
	 */
	public static void await(IntSupplier count, int expected) {
		long deadline = System.nanoTime() + Bindings.TIMEOUT.toNanos();
		while (count.getAsInt() < expected) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("expected " + expected + ", still " + count.getAsInt() + " after "
						+ Bindings.TIMEOUT.toSeconds() + "s");
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
