package dev.bindings.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
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
 * The binding type of the tests that need to see what reached a binding: operation
 * {@code create} records each request exactly as the binding received it, counts the
 * calls and answers no content. It can also hold its first call until the test releases
 * it, and fail every call.
 * <p>
 * The Dapr type it serves is given at construction; {@link #recording()},
 * {@link #counting()} and {@link #slow()} give the three the tests declare. One instance
 * serves every component of its type, and the components share its records.
 * <p>
 * Component metadata shapes a component further:
 * <ul>
 * <li>{@code operations}: its operations, a comma list ({@code create} by default);</li>
 * <li>{@code hold: "true"}: every call waits until {@link #release()} (every call held at
 * that moment) or {@link #releaseOne()} (the oldest one), for at most 20 seconds; a call
 * whose future is cancelled meanwhile is counted in {@link #cancelled()}. Request
 * metadata {@code hold: "false"} lets a call through at once;</li>
 * <li>{@code threads} and {@code queueCapacity}: as a binding whose client blocks, each
 * call runs on a {@link BoundedExecutor} of that many threads and queue places and holds
 * its thread until it is released; a call that finds the queue full fails at once, as the
 * project's blocking types do.</li>
 * </ul>
 */
public class TestBindingFactory implements OutputBindingFactory {

	/** How long the test support waits for a call, or for a held call's release. */
	private static final long TIMEOUT_SECONDS = 20;

	private final String type;

	private final BlockingQueue<BindingRequest> requests = new LinkedBlockingQueue<>();

	private final AtomicInteger invocations = new AtomicInteger();

	private final CountDownLatch heldCallStarted = new CountDownLatch(1);

	private final CountDownLatch heldCallReleased = new CountDownLatch(1);

	private volatile boolean holdFirstCall;

	private volatile @Nullable RuntimeException failure;

	private final AtomicInteger held = new AtomicInteger();

	private final AtomicInteger cancelled = new AtomicInteger();

	private final ConcurrentLinkedQueue<CompletableFuture<BindingResponse>> waiting = new ConcurrentLinkedQueue<>();

	/**
	 * A factory for a binding type.
	 * @param type the Dapr type, for example {@code bindings.test.recording}
	 */
	public TestBindingFactory(String type) {
		this.type = type;
	}

	/**
	 * {@code bindings.test.recording}, for tests that look at the requests a binding
	 * received ({@link #nextRequest()}).
	 * @return the factory
	 */
	public static TestBindingFactory recording() {
		return new TestBindingFactory("bindings.test.recording");
	}

	/**
	 * {@code bindings.test.counting}, for tests that show whether a request reached the
	 * binding ({@link #invocations()}).
	 * @return the factory
	 */
	public static TestBindingFactory counting() {
		return new TestBindingFactory("bindings.test.counting");
	}

	/**
	 * {@code bindings.test.slow}: the first call completes, from another thread, when the
	 * test calls {@link #release()}; later calls complete at once.
	 * @return the factory
	 */
	public static TestBindingFactory slow() {
		return new TestBindingFactory("bindings.test.slow").holdFirstCall();
	}

	/**
	 * Hold the first call until {@link #release()} (or for at most 20 seconds, after
	 * which it fails); later calls complete at once.
	 * @return this factory
	 */
	public TestBindingFactory holdFirstCall() {
		this.holdFirstCall = true;
		return this;
	}

	/**
	 * Fail the calls from now on (they are still recorded and counted).
	 * @param failure the failure of each call, or {@code null} to answer no content again
	 */
	public void failWith(@Nullable RuntimeException failure) {
		this.failure = failure;
	}

	@Override
	public String type() {
		return this.type;
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		Map<String, String> metadata = component.metadata();
		List<String> operations = List.of(metadata.getOrDefault("operations", "create").split(","));
		boolean hold = Boolean.parseBoolean(metadata.getOrDefault("hold", "false"));
		String threads = metadata.get("threads");
		BoundedExecutor executor = (threads != null) ? new BoundedExecutor(component.name(), Integer.parseInt(threads),
				Integer.parseInt(metadata.getOrDefault("queueCapacity", "1")), Duration.ofSeconds(1)) : null;
		return new TestBinding(operations, hold, executor);
	}

	/**
	 * A binding of this type; closing it closes its executor, if it has one.
	 */
	private final class TestBinding implements OutputBinding, AutoCloseable {

		private final List<String> operations;

		private final boolean hold;

		private final @Nullable BoundedExecutor blocking;

		TestBinding(List<String> operations, boolean hold, @Nullable BoundedExecutor blocking) {
			this.operations = operations;
			this.hold = hold;
			this.blocking = blocking;
		}

		@Override
		public List<String> operations() {
			return this.operations;
		}

		@Override
		public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
			BoundedExecutor blocking = this.blocking;
			if (blocking != null) {
				TestBindingFactory.this.requests.add(request);
				TestBindingFactory.this.invocations.incrementAndGet();
				return blocking.supply(TestBindingFactory.this::block, "the binding is closed",
						"too many calls waiting for a thread (at most " + blocking.getQueueCapacity() + ")");
			}
			if (this.hold && !"false".equals(request.metadata().get("hold"))) {
				TestBindingFactory.this.requests.add(request);
				TestBindingFactory.this.invocations.incrementAndGet();
				return hold();
			}
			return TestBindingFactory.this.invoke(request);
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
			return hold().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the call was held", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("the test did not release the held call", ex);
		}
	}

	private CompletableFuture<BindingResponse> hold() {
		CompletableFuture<BindingResponse> call = new CompletableFuture<>();
		this.held.incrementAndGet();
		call.whenComplete((response, failure) -> {
			this.held.decrementAndGet();
			if (failure instanceof CancellationException) {
				this.cancelled.incrementAndGet();
			}
		});
		call.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		this.waiting.add(call);
		return call;
	}

	private CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		this.requests.add(request);
		this.invocations.incrementAndGet();
		RuntimeException failure = this.failure;
		if (this.holdFirstCall && this.heldCallStarted.getCount() > 0) {
			this.heldCallStarted.countDown();
			return CompletableFuture.supplyAsync(() -> awaitRelease(failure));
		}
		return (failure != null) ? CompletableFuture.failedFuture(failure)
				: CompletableFuture.completedFuture(BindingResponse.noContent());
	}

	private BindingResponse awaitRelease(@Nullable RuntimeException failure) {
		try {
			if (!this.heldCallReleased.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException(
						"the test did not release the held call within " + TIMEOUT_SECONDS + "s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the call was held", ex);
		}
		if (failure != null) {
			throw failure;
		}
		return BindingResponse.noContent();
	}

	/**
	 * How many calls the bindings of this type received since the last {@link #reset()}.
	 * @return the number of calls
	 */
	public int invocations() {
		return this.invocations.get();
	}

	/**
	 * The next request the bindings of this type received, waiting up to 20 seconds for
	 * it.
	 * @return the request
	 * @throws AssertionError if no request came
	 * @throws InterruptedException if interrupted while waiting
	 */
	public BindingRequest nextRequest() throws InterruptedException {
		BindingRequest request = this.requests.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (request == null) {
			throw new AssertionError("the binding received no request");
		}
		return request;
	}

	/**
	 * Wait up to 20 seconds for the held call to start.
	 * @return whether it started
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitHeldCall() throws InterruptedException {
		return this.heldCallStarted.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Let the held first call complete (or the first call, if it has not come yet,
	 * complete at once), and every call that a holding component holds now.
	 */
	public void release() {
		this.heldCallReleased.countDown();
		CompletableFuture<BindingResponse> call;
		while ((call = this.waiting.poll()) != null) {
			call.complete(BindingResponse.noContent());
		}
	}

	/**
	 * Let the oldest call that a holding component holds complete.
	 */
	public void releaseOne() {
		CompletableFuture<BindingResponse> call;
		while ((call = this.waiting.poll()) != null) {
			if (call.complete(BindingResponse.noContent())) {
				return;
			}
		}
		throw new AssertionError("no call is held");
	}

	/**
	 * How many calls the holding components hold now.
	 * @return the number of calls
	 */
	public int held() {
		return this.held.get();
	}

	/**
	 * How many held calls saw their future cancelled.
	 * @return the number of calls
	 */
	public int cancelled() {
		return this.cancelled.get();
	}

	/**
	 * Wait up to 20 seconds until a count reaches a number.
	 * @param count the count, for example {@code factory::held}
	 * @param expected the number
	 */
	public static void await(IntSupplier count, int expected) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
		while (count.getAsInt() < expected) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						"expected " + expected + ", still " + count.getAsInt() + " after " + TIMEOUT_SECONDS + "s");
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

	/**
	 * Forget the requests and the count so far (the hold and the failure stay).
	 */
	public void reset() {
		this.requests.clear();
		this.invocations.set(0);
	}

}
