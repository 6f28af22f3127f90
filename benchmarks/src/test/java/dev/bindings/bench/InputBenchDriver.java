package dev.bindings.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.bindings.bench.input.InputBenchApplication;
import dev.bindings.bench.input.InputProbe;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Input bindings, Kafka to handler: the starter's annotated handler ({@code handler}) and
 * its route delivery of the Dapr kind ({@code route}) against a hand-written
 * {@code @KafkaListener} ({@code listener}: Spring Boot's defaults, so
 * {@code AckMode.BATCH}; {@code listener-record}: {@code AckMode.RECORD}, the starter's
 * former commit mode; {@code listener-record-async}: the same with asynchronous commits),
 * all doing the same work with each record ({@link InputProbe}), one variant per
 * application context ({@link InputBenchApplication}), in this JVM; the broker is in
 * another.
 * <ul>
 * <li><b>Throughput</b>: {@code records} records of {@code minSize} to {@code maxSize}
 * bytes (sizes drawn from a seed per round, so every variant of a round gets the same
 * records) are produced to a fresh topic of {@code partitions} partitions; then the
 * variant's application starts, with a fresh consumer group reading from the oldest
 * offset, and the time from the first record handled to the last is measured (group join
 * and startup excluded, reported apart). A variant that has not handled them all
 * {@code maxSeconds} after the first is measured up to there ({@code capped}). CPU (this
 * JVM; the broker's when {@code brokerPid} is given) and allocation (this JVM) are taken
 * over the same span.</li>
 * <li><b>Latency</b>: with the variant consuming, records are produced at each of the
 * {@code rates} per second (open loop: each carries the time it was scheduled for, and a
 * late send is not waited for), {@code latencyWarmup} seconds unmeasured, then
 * {@code latencySeconds} measured: produce to handler, percentiles of all of them. A
 * variant that still has records to handle {@code drainSeconds} after the last was sent
 * is reported saturated, with the rate it handled.</li>
 * </ul>
 * Rounds interleave the variants, in an order rotated each round; an unmeasured
 * throughput run of each variant ({@code warmupRecords}) comes first. Writes
 * {@code input-throughput.tsv} and {@code input-latency.tsv} to the output folder
 * ({@link BenchReport} summarises them). With {@code profile=true}, one more throughput
 * run of each variant records JFR ({@code settings=profile}) from the first record to the
 * last, to {@code input-profile-<variant>.jfr}. <pre>
 * java -Xmx1g -cp ... dev.bindings.bench.InputBenchDriver localhost:19092 OUT [key=value ...]
 * </pre> Keys (defaults): {@code variants} (all five), {@code phases}
 * (throughput,latency), {@code rounds} (5), {@code records} (200000), {@code minSize}
 * (100), {@code maxSize} (1000), {@code partitions} (4), {@code concurrency} (1),
 * {@code warmupRecords} (50000), {@code maxSeconds} (60), {@code latencyRounds} (3),
 * {@code rates} (100,1000), {@code latencySeconds} (15), {@code latencyWarmup} (3),
 * {@code drainSeconds} (10), {@code brokerPid} (none), {@code profile} (false).
 */
public final class InputBenchDriver implements AutoCloseable {

	/** The most records sent, one each 50 ms, while waiting for a consumer to start. */
	private static final int MAX_PROBE_RECORDS = 1200;

	private final Settings settings;

	private final Admin admin;

	private InputBenchDriver(Settings settings) {
		this.settings = settings;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.broker()));
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		Path out = Path.of(args[1]);
		Files.createDirectories(out);
		try (InputBenchDriver driver = new InputBenchDriver(settings)) {
			driver.runAll(out);
		}
	}

	/**
	 * Run a driver and close it.
	 * @param settings the settings
	 * @param action what to do with it
	 * @throws Exception what the action threw
	 */
	static void with(Settings settings, DriverAction action) throws Exception {
		try (InputBenchDriver driver = new InputBenchDriver(settings)) {
			action.run(driver);
		}
	}

	private void runAll(Path out) throws Exception {
		Settings s = this.settings;
		System.out.println("SETTINGS " + s);
		Path throughputFile = out.resolve("input-throughput.tsv");
		Path latencyFile = out.resolve("input-latency.tsv");
		for (String variant : s.variants()) {
			ThroughputRun warm = throughput(variant, 0, s.warmupRecords(), null);
			System.out.println("WARMUP " + warm.tsv());
		}
		if (s.phases().contains("throughput")) {
			write(throughputFile, ThroughputRun.HEADER);
			for (int round = 1; round <= s.rounds(); round++) {
				for (String variant : rotate(s.variants(), round)) {
					ThroughputRun run = throughput(variant, round, s.records(), null);
					System.out.println("THROUGHPUT " + run.tsv());
					write(throughputFile, run.tsv());
				}
			}
		}
		if (s.phases().contains("latency")) {
			write(latencyFile, LatencyRun.HEADER);
			for (int round = 1; round <= s.latencyRounds(); round++) {
				for (int rate : s.rates()) {
					for (String variant : rotate(s.variants(), round)) {
						LatencyRun run = latency(variant, round, rate);
						System.out.println("LATENCY " + run.tsv());
						write(latencyFile, run.tsv());
					}
				}
			}
		}
		if (s.profile()) {
			for (String variant : s.variants()) {
				ThroughputRun run = throughput(variant, 0, s.records(),
						out.resolve("input-profile-" + variant + ".jfr"));
				System.out.println("PROFILE " + run.tsv());
			}
		}
	}

	private static void write(Path file, String line) throws IOException {
		Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	static List<String> rotate(List<String> variants, int round) {
		List<String> rotated = new ArrayList<>();
		for (int i = 0; i < variants.size(); i++) {
			rotated.add(variants.get((i + round) % variants.size()));
		}
		return rotated;
	}

	/**
	 * One throughput run. A run that has not handled every record {@code maxSeconds}
	 * after the first is stopped there and measured up to the last record it handled
	 * ({@code capped}), unless the settings do not allow it.
	 * @param variant the variant
	 * @param round the round (the seed of the record sizes)
	 * @param records the number of records
	 * @param jfr where to write a JFR recording of the span measured, or {@code null}
	 * @return the figures
	 * @throws Exception if a step failed or the records did not arrive in time
	 */
	ThroughputRun throughput(String variant, int round, int records, Path jfr) throws Exception {
		String topic = producedTopic(variant, round, records);
		try {
			long base = System.nanoTime();
			long[] first = new long[4];
			long[] last = new long[4];
			AtomicReference<Recording> recording = new AtomicReference<>();
			InputProbe probe = new InputProbe(records, base, records, () -> {
				if (jfr != null) {
					recording.set(startRecording());
				}
				snapshot(first);
			}, () -> {
				snapshot(last);
				stopRecording(recording.get());
			});
			long start = System.nanoTime();
			boolean capped = false;
			int handledAtCap = 0;
			long lastAtCap = 0;
			long closeNanos;
			ConfigurableApplicationContext app = InputBenchApplication.start(variant, probe, properties(topic));
			try {
				if (!probe.await(1, Duration.ofSeconds(120))) {
					throw new IllegalStateException(
							variant + ": no record handled within 120 s of the start (topic " + topic + ")");
				}
				int cap = this.settings.maxSeconds();
				if (!probe.await(records, Duration.ofSeconds(cap))) {
					if (!this.settings.capAllowed()) {
						throw new IllegalStateException(variant + ": " + probe.distinct() + " of " + records
								+ " records handled within " + cap + " s of the first (topic " + topic + ")");
					}
					capped = true;
					lastAtCap = probe.lastNanos();
					handledAtCap = probe.distinct();
					snapshot(last);
					stopRecording(recording.get());
				}
			}
			finally {
				long closing = System.nanoTime();
				app.close();
				closeNanos = System.nanoTime() - closing;
			}
			Recording started = recording.get();
			if (started != null && jfr != null) {
				started.dump(jfr);
				started.close();
			}
			// a capped run: up to the cap (the records handled while the application
			// closes
			// are not counted)
			int handled = capped ? handledAtCap : records;
			double seconds = ((capped ? lastAtCap : probe.expectedNanos()) - probe.firstNanos()) / 1e9;
			double thousands = (handled - 1) / 1000.0;
			double brokerCpu = (first[2] >= 0 && last[2] >= 0) ? (last[2] - first[2]) / (double) first[3] / thousands
					: Double.NaN;
			return new ThroughputRun(round, variant, records, this.settings.partitions(), seconds,
					(handled - 1) / seconds, (probe.firstNanos() - start) / 1e9, (last[0] - first[0]) / 1e9 / thousands,
					brokerCpu, allocated(first[1], last[1], handled), probe.distinct(), probe.duplicates(), capped,
					closeNanos / 1e9);
		}
		finally {
			deleteTopic(topic);
		}
	}

	/**
	 * One latency run. When the variant does not keep up with the rate (records still
	 * unhandled {@code drainSeconds} after the last was sent), the run is reported as
	 * saturated, with the rate it handled while the records were sent instead of
	 * percentiles.
	 * @param variant the variant
	 * @param round the round (the seed of the record sizes)
	 * @param rate the records per second
	 * @return the figures
	 * @throws Exception if a step failed or no record arrived in time
	 */
	LatencyRun latency(String variant, int round, int rate) throws Exception {
		Settings s = this.settings;
		String topic = freshTopic(variant, round);
		int warmRecords = rate * s.latencyWarmup();
		int measuredRecords = rate * s.latencySeconds();
		int scheduled = warmRecords + measuredRecords;
		long base = System.nanoTime();
		InputProbe probe = new InputProbe(MAX_PROBE_RECORDS + scheduled, base, Integer.MAX_VALUE, () -> {
		}, () -> {
		});
		Random sizes = new Random(round);
		AtomicReference<Exception> failure = new AtomicReference<>();
		try (KafkaProducer<byte[], byte[]> producer = producer(0, 16384)) {
			producer.partitionsFor(topic);
			ConfigurableApplicationContext app = InputBenchApplication.start(variant, probe, properties(topic));
			try {
				// until the consumer reads: a record each 50 ms, not measured
				int seq = 0;
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (probe.distinct() == 0) {
					if (seq == MAX_PROBE_RECORDS || System.nanoTime() - deadline > 0) {
						throw new IllegalStateException(
								variant + ": no record handled within 60 s (topic " + topic + ")");
					}
					send(producer, topic, seq++, System.nanoTime(), base, size(sizes), failure);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
				}
				int firstScheduled = seq;
				long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
				double interval = 1e9 / rate;
				long maxLag = 0;
				for (int i = 0; i < scheduled; i++) {
					long due = start + (long) (i * interval);
					long now = System.nanoTime();
					while (now < due) {
						LockSupport.parkNanos(due - now);
						now = System.nanoTime();
					}
					maxLag = Math.max(maxLag, now - due);
					send(producer, topic, firstScheduled + i, due, base, size(sizes), failure);
				}
				long sentAll = System.nanoTime();
				int handledWhenSent = probe.distinct();
				producer.flush();
				if (failure.get() != null) {
					throw new IllegalStateException(variant + ": a record could not be sent", failure.get());
				}
				int total = firstScheduled + scheduled;
				if (!probe.await(total, Duration.ofSeconds(s.drainSeconds()))) {
					double handledPerSecond = (handledWhenSent - 1) / ((sentAll - probe.firstNanos()) / 1e9);
					return new LatencyRun(round, variant, rate, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
							Double.NaN, millis(maxLag), total, probe.distinct(), probe.duplicates(), true,
							handledPerSecond);
				}
				long[] latencies = probe.latencies(firstScheduled + warmRecords, total);
				return new LatencyRun(round, variant, rate, latencies.length, millis(quantile(latencies, 0.5)),
						millis(quantile(latencies, 0.9)), millis(quantile(latencies, 0.99)),
						millis(quantile(latencies, 0.999)), millis(latencies[latencies.length - 1]), millis(maxLag),
						total, probe.distinct(), probe.duplicates(), false, Double.NaN);
			}
			finally {
				app.close();
			}
		}
		finally {
			deleteTopic(topic);
		}
	}

	private Map<String, String> properties(String topic) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("bench.input.broker", this.settings.broker());
		properties.put("bench.input.topic", topic);
		properties.put("bench.input.group", topic + "-group");
		properties.put("bench.input.concurrency", Integer.toString(this.settings.concurrency()));
		return properties;
	}

	private String freshTopic(String variant, int round) throws Exception {
		String topic = "bench-in-" + variant + "-" + round + "-" + UUID.randomUUID().toString().substring(0, 8);
		this.admin.createTopics(List.of(new NewTopic(topic, this.settings.partitions(), (short) 1)))
			.all()
			.get(30, TimeUnit.SECONDS);
		return topic;
	}

	private void deleteTopic(String topic) {
		try {
			this.admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			this.admin.deleteConsumerGroups(List.of(topic + "-group")).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			System.out.println("NOTE could not delete topic or group of " + topic + ": " + ex);
		}
	}

	/**
	 * A fresh topic holding the records of a throughput run. On an overloaded machine a
	 * produce request can time out and its retry be refused by the broker (out of order
	 * sequence); the records then go to another fresh topic, three times at most.
	 */
	private String producedTopic(String variant, int round, int records) throws Exception {
		for (int attempt = 1;; attempt++) {
			String topic = freshTopic(variant, round);
			try {
				produceAll(topic, records, new Random(round));
				return topic;
			}
			catch (Exception ex) {
				deleteTopic(topic);
				if (attempt == 3) {
					throw ex;
				}
				System.out.println("NOTE producing to " + topic + " failed, again to another topic: " + ex);
			}
		}
	}

	/**
	 * Bytes allocated per record, or NaN when a thread ended in between (its bytes are no
	 * longer counted and the difference can be negative).
	 */
	private static double allocated(long first, long last, int handled) {
		return (last >= first) ? (last - first) / (double) (handled - 1) : Double.NaN;
	}

	private void produceAll(String topic, int records, Random sizes) throws Exception {
		AtomicReference<Exception> failure = new AtomicReference<>();
		long base = System.nanoTime();
		try (KafkaProducer<byte[], byte[]> producer = producer(10, 512 * 1024)) {
			for (int seq = 0; seq < records; seq++) {
				send(producer, topic, seq, base, base, size(sizes), failure);
			}
			producer.flush();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("could not produce the records to " + topic, failure.get());
		}
	}

	private void send(KafkaProducer<byte[], byte[]> producer, String topic, int seq, long sentNanos, long base,
			int size, AtomicReference<Exception> failure) {
		byte[] key = Integer.toString(seq).getBytes(StandardCharsets.US_ASCII);
		producer.send(new ProducerRecord<>(topic, seq % this.settings.partitions(), key,
				InputProbe.value(seq, sentNanos, base, size)), (metadata, ex) -> {
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
				});
	}

	private int size(Random sizes) {
		return this.settings.minSize() + sizes.nextInt(this.settings.maxSize() - this.settings.minSize() + 1);
	}

	private KafkaProducer<byte[], byte[]> producer(int lingerMs, int batchSize) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.broker());
		properties.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
		// generous: a retried request after a time-out is what fails on an overloaded
		// machine
		properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
		properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
		return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * JVM figures: process CPU nanoseconds, bytes allocated by all live threads, the
	 * broker's CPU ticks (or -1) and the ticks per second.
	 */
	private void snapshot(long[] figures) {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		figures[0] = os.getProcessCpuTime();
		long allocated = 0;
		for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			if (bytes > 0) {
				allocated += bytes;
			}
		}
		figures[1] = allocated;
		figures[2] = brokerTicks();
		figures[3] = 100; // USER_HZ on Linux
	}

	private long brokerTicks() {
		if (this.settings.brokerPid() <= 0) {
			return -1;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + this.settings.brokerPid() + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// utime and stime are fields 14 and 15 of the whole line, 12 and 13 after
			// "(comm) "
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static Recording startRecording() {
		try {
			Recording recording = new Recording(Configuration.getConfiguration("profile"));
			recording.start();
			return recording;
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not start a JFR recording", ex);
		}
	}

	private static void stopRecording(Recording recording) {
		if (recording != null && recording.getState() == jdk.jfr.RecordingState.RUNNING) {
			recording.stop();
		}
	}

	private static long quantile(long[] sorted, double q) {
		int index = (int) Math.ceil(q * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(10));
	}

	/**
	 * What to do with a driver.
	 */
	@FunctionalInterface
	interface DriverAction {

		void run(InputBenchDriver driver) throws Exception;

	}

	/**
	 * The settings of a run.
	 */
	record Settings(String broker, List<String> variants, List<String> phases, int rounds, int records, int minSize,
			int maxSize, int partitions, int concurrency, int warmupRecords, int maxSeconds, boolean capAllowed,
			int latencyRounds, List<Integer> rates, int latencySeconds, int latencyWarmup, int drainSeconds,
			long brokerPid, boolean profile) {

		private static final List<String> KEYS = List.of("variants", "phases", "rounds", "records", "minSize",
				"maxSize", "partitions", "concurrency", "warmupRecords", "maxSeconds", "latencyRounds", "rates",
				"latencySeconds", "latencyWarmup", "drainSeconds", "brokerPid", "profile");

		Settings {
			if (minSize < InputProbe.MIN_SIZE || maxSize < minSize) {
				throw new IllegalArgumentException(
						"sizes: " + InputProbe.MIN_SIZE + " <= minSize <= maxSize, got " + minSize + " and " + maxSize);
			}
		}

		static Settings parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			for (String arg : Arrays.asList(args).subList(2, args.length)) {
				int equals = arg.indexOf('=');
				if (equals < 1 || !KEYS.contains(arg.substring(0, equals))) {
					throw new IllegalArgumentException("expected key=value with a key of " + KEYS + ", got " + arg);
				}
				values.put(arg.substring(0, equals), arg.substring(equals + 1));
			}
			return new Settings(args[0], list(values, "variants", String.join(",", InputBenchApplication.VARIANTS)),
					list(values, "phases", "throughput,latency"), integer(values, "rounds", 5),
					integer(values, "records", 200_000), integer(values, "minSize", 100),
					integer(values, "maxSize", 1000), integer(values, "partitions", 4),
					integer(values, "concurrency", 1), integer(values, "warmupRecords", 50_000),
					integer(values, "maxSeconds", 60), true, integer(values, "latencyRounds", 3),
					list(values, "rates", "100,1000").stream().map(Integer::valueOf).toList(),
					integer(values, "latencySeconds", 15), integer(values, "latencyWarmup", 3),
					integer(values, "drainSeconds", 10), Long.parseLong(values.getOrDefault("brokerPid", "0")),
					Boolean.parseBoolean(values.getOrDefault("profile", "false")));
		}

		private static int integer(Map<String, String> values, String key, int defaultValue) {
			return Integer.parseInt(values.getOrDefault(key, Integer.toString(defaultValue)));
		}

		private static List<String> list(Map<String, String> values, String key, String defaultValue) {
			return List.of(values.getOrDefault(key, defaultValue).split(","));
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"broker=%s variants=%s phases=%s rounds=%d records=%d minSize=%d maxSize=%d partitions=%d "
							+ "concurrency=%d warmupRecords=%d maxSeconds=%d latencyRounds=%d rates=%s "
							+ "latencySeconds=%d latencyWarmup=%d drainSeconds=%d brokerPid=%d profile=%s",
					this.broker, String.join(",", this.variants), String.join(",", this.phases), this.rounds,
					this.records, this.minSize, this.maxSize, this.partitions, this.concurrency, this.warmupRecords,
					this.maxSeconds, this.latencyRounds, this.rates, this.latencySeconds, this.latencyWarmup,
					this.drainSeconds, this.brokerPid, this.profile);
		}

	}

	/**
	 * The figures of a throughput run.
	 */
	record ThroughputRun(int round, String variant, int records, int partitions, double seconds,
			double recordsPerSecond, double startToFirstSeconds, double cpuSecondsPer1000,
			double brokerCpuSecondsPer1000, double allocBytesPerRecord, int handled, long duplicates, boolean capped,
			double closeSeconds) {

		static final String HEADER = "round\tvariant\trecords\tpartitions\tseconds\trecords_per_s\tstart_to_first_s"
				+ "\tcpu_s_per_1000\tbroker_cpu_s_per_1000\talloc_bytes_per_record\thandled\tduplicates\tcapped\tclose_s";

		String tsv() {
			return String.format(Locale.ROOT, "%d\t%s\t%d\t%d\t%.3f\t%.0f\t%.3f\t%.4f\t%.4f\t%.0f\t%d\t%d\t%d\t%.3f",
					this.round, this.variant, this.records, this.partitions, this.seconds, this.recordsPerSecond,
					this.startToFirstSeconds, this.cpuSecondsPer1000, this.brokerCpuSecondsPer1000,
					this.allocBytesPerRecord, this.handled, this.duplicates, this.capped ? 1 : 0, this.closeSeconds);
		}

	}

	/**
	 * The figures of a latency run.
	 */
	record LatencyRun(int round, String variant, int rate, int measured, double p50, double p90, double p99,
			double p999, double max, double maxSendLag, int sent, int handled, long duplicates, boolean saturated,
			double handledPerSecond) {

		static final String HEADER = "round\tvariant\trate\tmeasured\tp50_ms\tp90_ms\tp99_ms\tp999_ms\tmax_ms"
				+ "\tmax_send_lag_ms\tsent\thandled\tduplicates\tsaturated\thandled_per_s";

		String tsv() {
			return String.format(Locale.ROOT,
					"%d\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%.0f", this.round,
					this.variant, this.rate, this.measured, this.p50, this.p90, this.p99, this.p999, this.max,
					this.maxSendLag, this.sent, this.handled, this.duplicates, this.saturated ? 1 : 0,
					this.handledPerSecond);
		}

	}

}
