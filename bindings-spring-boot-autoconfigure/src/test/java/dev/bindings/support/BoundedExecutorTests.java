package dev.bindings.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.bindings.InvocationFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundedExecutor}: a task that cannot be taken fails at once with the
 * binding's reason, and closing lets the accepted tasks finish.
 */
class BoundedExecutorTests {

	@Test
	void aTaskBeyondTheQueueFailsAtOnceWhileTheOthersComplete() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (BoundedExecutor executor = new BoundedExecutor("test", 1, 2, Duration.ofSeconds(5))) {
			CompletableFuture<String> running = executor.supply(() -> waitFor(release, "running"), "closed", "full");
			CompletableFuture<String> queued1 = executor.supply(() -> "queued 1", "closed", "full");
			CompletableFuture<String> queued2 = executor.supply(() -> "queued 2", "closed", "full");
			CompletableFuture<String> rejected = executor.supply(() -> "never", "closed", "full");
			assertThat(rejected).isCompletedExceptionally();
			assertThat(rejected).failsWithin(Duration.ZERO)
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(InvocationFailedException.class)
				.withMessage("full");
			release.countDown();
			assertThat(running).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("running");
			assertThat(queued1).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("queued 1");
			assertThat(queued2).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("queued 2");
		}
	}

	@Test
	void aTaskAfterCloseFailsWithTheClosedReason() {
		BoundedExecutor executor = new BoundedExecutor("test", 1, 1, Duration.ofSeconds(1));
		executor.close();
		assertThat(executor.isClosed()).isTrue();
		assertThat(executor.supply(() -> "never", "closed", "full")).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(InvocationFailedException.class)
			.withMessage("closed");
	}

	@Test
	void closeLetsAcceptedTasksFinish() {
		BoundedExecutor executor = new BoundedExecutor("test", 1, 10, Duration.ofSeconds(10));
		CompletableFuture<String> slow = executor.supply(() -> sleep(300, "slow"), "closed", "full");
		CompletableFuture<String> queued = executor.supply(() -> "queued", "closed", "full");
		assertThat(executor.shutdown()).isTrue();
		assertThat(slow).isCompletedWithValue("slow");
		assertThat(queued).isCompletedWithValue("queued");
	}

	@Test
	void threadsAreNamedAfterTheBindingAndDaemons() {
		try (BoundedExecutor executor = new BoundedExecutor("orders", 1, 1, Duration.ofSeconds(1))) {
			assertThat(executor.supply(() -> Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon(),
					"closed", "full"))
				.succeedsWithin(Duration.ofSeconds(5))
				.isEqualTo("bindings-orders-1 true");
			assertThat(executor.getQueueCapacity()).isEqualTo(1);
		}
	}

	private static String waitFor(CountDownLatch latch, String result) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return result;
	}

	private static String sleep(long millis, String result) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return result;
	}

}
