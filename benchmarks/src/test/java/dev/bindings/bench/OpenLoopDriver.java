package dev.bindings.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: sends POST requests at fixed, pre-computed times (a
 * constant rate) whatever the answers do, and measures each latency from the time the
 * request was <em>scheduled</em>, not from when it was sent. A slow answer therefore
 * cannot hide the requests that should have been sent meanwhile (no coordinated
 * omission): requests are never held back waiting for a connection of the driver's own, a
 * late send counts its lateness, and there is no limit on requests in flight. The JDK
 * {@link HttpClient} opens as many HTTP/1.1 connections as there are requests in flight.
 * <pre>
 * java -cp ... dev.bindings.bench.OpenLoopDriver URL RATE SECONDS WARMUP_SECONDS BODY_FILE [LABEL]
 * </pre> Prints one line:
 * {@code RESULT label=... rate=... sent=... ok=... p50_ms=... p90_ms=...
 * p99_ms=... p999_ms=... max_ms=... service_p50_ms=... max_lag_ms=... ok_total=...},
 * where {@code service_*} is measured from the actual send, {@code max_lag_ms} is the
 * largest delay between a scheduled time and the actual send, and {@code ok_total}
 * includes the warm-up requests (for checking the broker's offsets). Waits up to 30 s for
 * the last answers.
 */
public final class OpenLoopDriver {

	private OpenLoopDriver() {
	}

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		double rate = Double.parseDouble(args[1]);
		double seconds = Double.parseDouble(args[2]);
		double warmupSeconds = Double.parseDouble(args[3]);
		byte[] body = Files.readAllBytes(Path.of(args[4]));
		String label = (args.length > 5) ? args[5] : uri.getPath();
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		Run warmup = new Run((int) Math.round(rate * warmupSeconds));
		warmup.execute(client, request, rate);
		Run run = new Run((int) Math.round(rate * seconds));
		run.execute(client, request, rate);
		System.out.println(String.format(Locale.ROOT,
				"RESULT label=%s rate=%.0f sent=%d ok=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f"
						+ " service_p50_ms=%.3f service_p99_ms=%.3f max_lag_ms=%.3f ok_total=%d",
				label, rate, run.count, run.ok(), run.percentile(run.latency, 50), run.percentile(run.latency, 90),
				run.percentile(run.latency, 99), run.percentile(run.latency, 99.9), run.percentile(run.latency, 100),
				run.percentile(run.service, 50), run.percentile(run.service, 99), run.maxLag / 1e6,
				warmup.ok() + run.ok()));
	}

	private static final class Run {

		final int count;

		final long[] latency;

		final long[] service;

		final int[] status;

		long maxLag;

		Run(int count) {
			this.count = count;
			this.latency = new long[count];
			this.service = new long[count];
			this.status = new int[count];
		}

		void execute(HttpClient client, HttpRequest request, double rate) throws InterruptedException {
			CountDownLatch done = new CountDownLatch(this.count);
			double period = 1e9 / rate;
			long start = System.nanoTime() + 50_000_000L;
			for (int i = 0; i < this.count; i++) {
				long scheduled = start + (long) (i * period);
				long wait;
				while ((wait = scheduled - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
				long sent = System.nanoTime();
				this.maxLag = Math.max(this.maxLag, sent - scheduled);
				int index = i;
				client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
					long now = System.nanoTime();
					this.latency[index] = now - scheduled;
					this.service[index] = now - sent;
					this.status[index] = (response != null) ? response.statusCode() : -1;
					done.countDown();
				});
			}
			if (!done.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Answers missing after 30 s: " + done.getCount());
			}
		}

		int ok() {
			int ok = 0;
			for (int code : this.status) {
				if (code >= 200 && code < 300) {
					ok++;
				}
			}
			return ok;
		}

		double percentile(long[] values, double percentile) {
			if (values.length == 0) {
				return Double.NaN;
			}
			long[] sorted = values.clone();
			Arrays.sort(sorted);
			int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
		}

	}

}
