package dev.bindings.test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;
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
		return new OutputBinding() {

			@Override
			public List<String> operations() {
				return List.of("create");
			}

			@Override
			public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
				return TestBindingFactory.this.invoke(request);
			}

		};
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
	 * Let the held call complete (or the first call, if it has not come yet, complete at
	 * once).
	 */
	public void release() {
		this.heldCallReleased.countDown();
	}

	/**
	 * Forget the requests and the count so far (the hold and the failure stay).
	 */
	public void reset() {
		this.requests.clear();
		this.invocations.set(0);
	}

}
