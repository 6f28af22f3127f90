package dev.bindings.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

import dev.bindings.InvocationFailedException;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads of a binding whose client blocks (JDBC, SMTP, file I/O, RabbitMQ
 * publishing): Spring's {@link ThreadPoolTaskExecutor} with a fixed number of daemon
 * threads that time out when idle and a bounded queue, so that a burst of requests waits
 * in a known number of slots and the next one fails at once with a clear reason instead
 * of piling up.
 */
public final class BoundedExecutor implements AutoCloseable {

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	private final int queueCapacity;

	/**
	 * Create and start an executor.
	 * @param name the binding's name, in the threads' names ({@code bindings-<name>-1})
	 * @param threads the number of threads
	 * @param queueCapacity how many tasks may wait for a thread
	 * @param awaitTermination how long {@link #close()} lets running and queued tasks
	 * finish
	 */
	public BoundedExecutor(String name, int threads, int queueCapacity, Duration awaitTermination) {
		this.queueCapacity = queueCapacity;
		this.executor.setThreadNamePrefix("bindings-" + name + "-");
		this.executor.setDaemon(true);
		this.executor.setCorePoolSize(threads);
		this.executor.setMaxPoolSize(threads);
		this.executor.setQueueCapacity(queueCapacity);
		this.executor.setKeepAliveSeconds(60);
		this.executor.setAllowCoreThreadTimeOut(true);
		this.executor.setWaitForTasksToCompleteOnShutdown(true);
		this.executor.setAwaitTerminationMillis(awaitTermination.toMillis());
		this.executor.initialize();
	}

	/**
	 * Run a task on a thread of this executor.
	 * @param <T> the result type
	 * @param task the task
	 * @param whenClosed the reason of the failure when the executor is closed
	 * @param whenFull the reason of the failure when the queue is full
	 * @return the task's result, or an {@link InvocationFailedException} at once when the
	 * task cannot be taken
	 */
	public <T> CompletableFuture<T> supply(Supplier<T> task, String whenClosed, String whenFull) {
		try {
			return CompletableFuture.supplyAsync(task, this.executor);
		}
		catch (RejectedExecutionException ex) {
			return CompletableFuture.failedFuture(new InvocationFailedException(
					this.executor.getThreadPoolExecutor().isShutdown() ? whenClosed : whenFull, ex));
		}
	}

	/**
	 * Run a task on a thread of this executor.
	 * @param task the task
	 * @throws RejectedExecutionException if the executor is closed or its queue is full
	 */
	public void execute(Runnable task) {
		this.executor.execute(task);
	}

	/**
	 * How many tasks may wait for a thread.
	 * @return the capacity of the queue
	 */
	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	/**
	 * Whether the executor has been closed.
	 * @return whether it takes no more tasks
	 */
	public boolean isClosed() {
		return this.executor.getThreadPoolExecutor().isShutdown();
	}

	/**
	 * Take no more tasks, let the running and queued ones finish within the termination
	 * time, then interrupt what still runs.
	 * @return whether every task finished in time
	 */
	public boolean shutdown() {
		this.executor.shutdown();
		ThreadPoolExecutor pool = this.executor.getThreadPoolExecutor();
		if (pool.isTerminated()) {
			return true;
		}
		pool.shutdownNow();
		return false;
	}

	@Override
	public void close() {
		shutdown();
	}

}
