package dev.bindings.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process comparison (d) as paired rounds in one JVM:
 * {@code BindingClient.invoke(...)} against {@code KafkaTemplate.send(...).get()} (the
 * two benchmark methods of {@link InProcessBenchmark}, same setup), each run closed-loop
 * by the same number of threads for a few seconds, alternately, round after round. On a
 * small machine that shares its cores with the broker, throughput drifts by tens of
 * percent from one JVM (or one minute) to the next, which JMH's separate forks cannot
 * tell from the difference being measured; the ratio of two runs seconds apart in the
 * same JVM can. Prints one {@code ROUND} line per round and a {@code RESULT} line with
 * the medians. <pre>
 * java -cp ... dev.bindings.bench.InProcessPairedDriver localhost:19092 THREADS ROUNDS SECONDS
 * </pre>
 */
public final class InProcessPairedDriver {

	private InProcessPairedDriver() {
	}

	public static void main(String[] args) throws Exception {
		String broker = args[0];
		int threads = Integer.parseInt(args[1]);
		int rounds = Integer.parseInt(args[2]);
		double seconds = Double.parseDouble(args[3]);
		System.setProperty("bench.broker", broker);
		InProcessBenchmark state = new InProcessBenchmark();
		state.payloadSize = 1024;
		state.setUp();
		try {
			Operation raw = state::rawTemplate;
			Operation client = state::bindingClient;
			// warm-up: JIT, producer metadata, topic creation
			run(raw, threads, 4);
			run(client, threads, 4);
			double[] rawRates = new double[rounds];
			double[] clientRates = new double[rounds];
			double[] ratios = new double[rounds];
			double[] rawAlloc = new double[rounds];
			double[] clientAlloc = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				double[] rawResult;
				double[] clientResult;
				if (round % 2 == 0) {
					rawResult = run(raw, threads, seconds);
					clientResult = run(client, threads, seconds);
				}
				else {
					clientResult = run(client, threads, seconds);
					rawResult = run(raw, threads, seconds);
				}
				rawRates[round] = rawResult[0];
				rawAlloc[round] = rawResult[1];
				clientRates[round] = clientResult[0];
				clientAlloc[round] = clientResult[1];
				ratios[round] = clientRates[round] / rawRates[round];
				System.out.printf(Locale.ROOT, "ROUND round=%d threads=%d raw=%.0f client=%.0f ratio=%.3f%n", round + 1,
						threads, rawRates[round], clientRates[round], ratios[round]);
			}
			System.out.printf(Locale.ROOT,
					"RESULT threads=%d rounds=%d raw_ops_per_s=%.0f client_ops_per_s=%.0f ratio_median=%.3f ratio_p25=%.3f "
							+ "ratio_p75=%.3f raw_alloc_bytes_per_op=%.0f client_alloc_bytes_per_op=%.0f%n",
					threads, rounds, median(rawRates), median(clientRates), median(ratios), quantile(ratios, 0.25),
					quantile(ratios, 0.75), median(rawAlloc), median(clientAlloc));
		}
		finally {
			state.tearDown();
		}
	}

	/**
	 * Run an operation closed-loop.
	 * @return operations per second and bytes allocated per operation by all threads of
	 * the JVM
	 */
	private static double[] run(Operation operation, int threads, double seconds) throws InterruptedException {
		com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		AtomicLong operations = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		long[] deadline = new long[1];
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				long count = 0;
				while (System.nanoTime() - deadline[0] < 0) {
					try {
						operation.run();
						count++;
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
				}
				operations.addAndGet(count);
			}, "paired-" + i);
			workers.add(worker);
			worker.start();
		}
		ready.await();
		long allocatedBefore = allocated(mx);
		long start = System.nanoTime();
		deadline[0] = start + (long) (seconds * 1e9);
		go.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		long elapsed = System.nanoTime() - start;
		long allocatedAfter = allocated(mx);
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " operations failed");
		}
		long count = operations.get();
		return new double[] { count / (elapsed / 1e9), (allocatedAfter - allocatedBefore) / (double) count };
	}

	private static long allocated(com.sun.management.ThreadMXBean mx) {
		long total = 0;
		for (long bytes : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
			if (bytes > 0) {
				total += bytes;
			}
		}
		return total;
	}

	private static double median(double[] values) {
		return quantile(values, 0.5);
	}

	private static double quantile(double[] values, double q) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double position = q * (sorted.length - 1);
		int lower = (int) Math.floor(position);
		int upper = (int) Math.ceil(position);
		return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
	}

	@FunctionalInterface
	private interface Operation {

		void run() throws Exception;

	}

}
