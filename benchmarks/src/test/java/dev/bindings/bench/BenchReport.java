package dev.bindings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns the raw figures that {@code run.sh} wrote ({@code *.tsv}, offsets) into
 * {@code summary.md}: medians over the interleaved rounds, each with its ratio to the
 * baseline measured in the same run, the broker's end offsets against the acknowledged
 * requests, and the targets. <pre>
 * java -cp ... dev.bindings.bench.BenchReport benchmarks/results/RUN
 * </pre>
 */
public final class BenchReport {

	private final Path dir;

	private final StringBuilder out = new StringBuilder();

	private final List<String[]> targets = new ArrayList<>();

	private BenchReport(Path dir) {
		this.dir = dir;
	}

	public static void main(String[] args) throws IOException {
		BenchReport report = new BenchReport(Path.of(args[0]));
		report.write();
		System.out.print(report.out);
	}

	private void write() throws IOException {
		line("# Benchmark summary");
		line("");
		line("Medians over the interleaved rounds; ratios are ratios of medians measured in the same run.");
		if (Files.exists(this.dir.resolve("throughput.tsv")) || Files.exists(this.dir.resolve("latency.tsv"))) {
			line("Endpoints: a = no-op, b = hand-written KafkaTemplate (Boot/Kafka defaults, linger.ms=5),");
			line("b0 = the same with linger.ms=0, c = the starter, c0 = the starter from the baseline jar.");
		}
		if (Files.exists(this.dir.resolve("input-throughput.tsv"))
				|| Files.exists(this.dir.resolve("input-latency.tsv"))) {
			line("Input variants: handler = the starter to a @BindingListener method, route = the starter to the");
			line("app's own POST route, listener = a hand-written @KafkaListener (Boot's defaults, AckMode.BATCH),");
			line("listener-record = the same with AckMode.RECORD, listener-record-async = with asynchronous commits.");
		}
		line("");
		Path machine = this.dir.resolve("machine.txt");
		if (Files.exists(machine)) {
			line("```");
			Files.readAllLines(machine).forEach(this::line);
			line("```");
		}
		throughput();
		latency();
		startup();
		memory();
		inprocess();
		jmh();
		profile();
		inputThroughput();
		inputLatency();
		inputProfile();
		if (!this.targets.isEmpty()) {
			line("");
			line("## Targets");
			line("");
			line("| target | measured | met |");
			line("|---|---|---|");
			for (String[] target : this.targets) {
				line("| " + target[0] + " | " + target[1] + " | " + target[2] + " |");
			}
		}
	}

	private void throughput() throws IOException {
		List<Map<String, String>> rows = read("throughput.tsv");
		if (rows.isEmpty()) {
			return;
		}
		line("");
		line("## Throughput (wrk, 2 threads, maximum acknowledged requests/s at fixed connections)");
		line("");
		line("| payload | conns | a req/s | b req/s | b0 req/s | c req/s | c0 req/s | c/b | c/a | b/a | c/b0 | c/c0 |");
		line("|---|---|---|---|---|---|---|---|---|---|---|---|");
		List<String[]> cases = new ArrayList<>();
		for (Map<String, String> row : rows) {
			String[] key = { row.get("payload"), row.get("connections") };
			if (cases.stream().noneMatch((c) -> Arrays.equals(c, key))) {
				cases.add(key);
			}
		}
		for (String[] key : cases) {
			Predicate<Map<String, String>> match = (row) -> row.get("payload").equals(key[0])
					&& row.get("connections").equals(key[1]);
			double a = median(rows, match, "a", "requests_per_s");
			double b = median(rows, match, "b", "requests_per_s");
			double b0 = median(rows, match, "b0", "requests_per_s");
			double c = median(rows, match, "c", "requests_per_s");
			double c0 = median(rows, match, "c0", "requests_per_s");
			line("| " + size(key[0]) + " | " + key[1] + " | " + f0(a) + " | " + f0(b) + " | " + f0(b0) + " | " + f0(c)
					+ " | " + f0(c0) + " | " + f2(c / b) + " | " + f2(c / a) + " | " + f2(b / a) + " | " + f2(c / b0)
					+ " | " + f2(c / c0) + " |");
			if (key[1].equals("16")) {
				target("(c) >= (b) at 16 connections, " + size(key[0]), "c/b = " + f2(c / b), c >= b);
			}
			else if (key[1].equals("256")) {
				target("(c) >= 1.2 x (b) at 256 connections, " + size(key[0]), "c/b = " + f2(c / b), c >= 1.2 * b);
			}
			else if (key[1].equals("64") && key[0].equals("1024")) {
				target("(c)/(a) at 1 KB, 64 connections", "c/a = " + f2(c / a) + " (" + f0(c) + " / " + f0(a) + ")",
						null);
			}
		}
		line("");
		line("CPU seconds of the app JVM per 1000 acknowledged requests (/proc/<pid>/stat utime+stime), and KB");
		line("allocated per request by all threads of the app JVM (ThreadMXBean.getThreadAllocatedBytes):");
		line("");
		line("| payload | conns | a cpu | b cpu | b0 cpu | c cpu | c0 cpu | c/b cpu | a KB | b KB | b0 KB | c KB | c0 KB | c/b KB |");
		line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (String[] key : cases) {
			Predicate<Map<String, String>> match = (row) -> row.get("payload").equals(key[0])
					&& row.get("connections").equals(key[1]);
			double[] cpu = new double[5];
			double[] kb = new double[5];
			String[] endpoints = { "a", "b", "b0", "c", "c0" };
			for (int i = 0; i < endpoints.length; i++) {
				cpu[i] = median(rows, match, endpoints[i], "cpu_s_per_1000");
				kb[i] = median(rows, match, endpoints[i], "alloc_kb_per_request");
			}
			line("| " + size(key[0]) + " | " + key[1] + " | " + f3(cpu[0]) + " | " + f3(cpu[1]) + " | " + f3(cpu[2])
					+ " | " + f3(cpu[3]) + " | " + f3(cpu[4]) + " | " + f2(cpu[3] / cpu[1]) + " | " + f1(kb[0]) + " | "
					+ f1(kb[1]) + " | " + f1(kb[2]) + " | " + f1(kb[3]) + " | " + f1(kb[4]) + " | " + f2(kb[3] / kb[1])
					+ " |");
		}
		long failures = rows.stream()
			.mapToLong((row) -> Long.parseLong(row.get("non2xx")) + Long.parseLong(row.get("socket_errors")))
			.sum();
		line("");
		line("Non-2xx answers and socket errors over all throughput runs: " + failures + ".");
		offsets("throughput", rows, "ok",
				"wrk stops with requests in flight: the server may still complete (and send) up to one request per "
						+ "connection per run that wrk never counts, so the end offset may exceed the acknowledged count "
						+ "by at most that much, never fall short of it.");
	}

	private void latency() throws IOException {
		List<Map<String, String>> rows = read("latency.tsv");
		if (rows.isEmpty()) {
			return;
		}
		line("");
		line("## Latency at fixed rates (open loop, 1 KB, measured from the scheduled send time), ms");
		line("");
		line("| rate | endpoint | p50 | p90 | p99 | p99.9 | max | p50 - b | p99 - b | p50 / b | p99 / b | service p50 | max send lag |");
		line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (String rate : List.of("1000", "50")) {
			Predicate<Map<String, String>> match = (row) -> row.get("rate").equals(rate);
			double b50 = median(rows, match, "b", "p50_ms");
			double b99 = median(rows, match, "b", "p99_ms");
			for (String ep : List.of("a", "b", "b0", "c", "c0")) {
				double p50 = median(rows, match, ep, "p50_ms");
				if (Double.isNaN(p50)) {
					continue;
				}
				double p99 = median(rows, match, ep, "p99_ms");
				line("| " + rate + " | " + ep + " | " + f3(p50) + " | " + f3(median(rows, match, ep, "p90_ms")) + " | "
						+ f3(p99) + " | " + f3(median(rows, match, ep, "p999_ms")) + " | "
						+ f3(median(rows, match, ep, "max_ms")) + " | " + f3(p50 - b50) + " | " + f3(p99 - b99) + " | "
						+ f2(p50 / b50) + " | " + f2(p99 / b99) + " | " + f3(median(rows, match, ep, "service_p50_ms"))
						+ " | " + f3(median(rows, match, ep, "max_lag_ms")) + " |");
			}
			double c50 = median(rows, match, "c", "p50_ms");
			double c99 = median(rows, match, "c", "p99_ms");
			double b050 = median(rows, match, "b0", "p50_ms");
			double b099 = median(rows, match, "b0", "p99_ms");
			double a50 = median(rows, match, "a", "p50_ms");
			if (rate.equals("1000")) {
				target("(c) adds < 0.2 ms p50 over (b) at 1000 rps", "c - b = " + f3(c50 - b50) + " ms",
						c50 - b50 < 0.2);
				target("(c) adds < 0.5 ms p99 over (b) at 1000 rps", "c - b = " + f3(c99 - b99) + " ms",
						c99 - b99 < 0.5);
				target("same, against (b0) (same linger.ms=0 as the starter)",
						"p50 c - b0 = " + f3(c50 - b050) + " ms, p99 c - b0 = " + f3(c99 - b099) + " ms",
						c50 - b050 < 0.2 && c99 - b099 < 0.5);
			}
			else {
				target("at 50 rps, (c)'s p50 not inflated by linger.ms", "c p50 " + f3(c50) + " ms; b (linger 5 ms) "
						+ f3(b50) + " ms; b0 " + f3(b050) + " ms; a " + f3(a50) + " ms", c50 < b50 && c50 - a50 < 5);
			}
		}
		long failures = rows.stream()
			.mapToLong((row) -> Long.parseLong(row.get("sent")) - Long.parseLong(row.get("ok")))
			.sum();
		line("");
		line("Requests that did not get a 2xx over all latency runs: " + failures + ".");
		offsets("latency", rows, "ok_total",
				"the open-loop driver waits for every answer, so the end offsets must equal the acknowledged count.");
	}

	private void offsets(String phase, List<Map<String, String>> rows, String okColumn, String note)
			throws IOException {
		Map<String, Long> before = offsets("offsets-" + phase + "-before.txt");
		Map<String, Long> after = offsets("offsets-" + phase + "-after.txt");
		if (before.isEmpty() || after.isEmpty()) {
			return;
		}
		line("");
		line("Broker end offsets against acknowledged requests (" + phase + " phase): " + note);
		line("");
		line("| endpoint | topic | records written | requests acknowledged | difference |");
		line("|---|---|---|---|---|");
		Map<String, String> topics = new LinkedHashMap<>();
		topics.put("b", "bench-b");
		topics.put("b0", "bench-b0");
		topics.put("c", "bench-c");
		topics.put("c0", "bench-c0");
		topics.forEach((ep, topic) -> {
			long acknowledged = rows.stream()
				.filter((row) -> row.get("endpoint").equals(ep))
				.mapToLong((row) -> Long.parseLong(row.get(okColumn)))
				.sum();
			long written = after.getOrDefault(topic, 0L) - before.getOrDefault(topic, 0L);
			if (acknowledged > 0 || written > 0) {
				line("| " + ep + " | " + topic + " | " + written + " | " + acknowledged + " | "
						+ (written - acknowledged) + " |");
			}
		});
	}

	private void startup() throws IOException {
		List<Map<String, String>> rows = read("startup.tsv");
		if (rows.isEmpty()) {
			return;
		}
		double plain = median(rows, (row) -> true, "plain", "process_running_s");
		double app = median(rows, (row) -> true, "app", "process_running_s");
		double plainStarted = median(rows, (row) -> true, "plain", "started_in_s");
		double appStarted = median(rows, (row) -> true, "app", "started_in_s");
		line("");
		line("## Startup (Spring Boot's \"Started ... (process running for X)\", "
				+ rows.stream().filter((row) -> "plain".equals(row.get("variant"))).count()
				+ " starts each, interleaved)");
		line("");
		line("| | without the starter | with the starter | difference | ratio |");
		line("|---|---|---|---|---|");
		line("| JVM start to ready, s | " + f3(plain) + " | " + f3(app) + " | " + f3(app - plain) + " | "
				+ f2(app / plain) + " |");
		line("| application context, s | " + f3(plainStarted) + " | " + f3(appStarted) + " | "
				+ f3(appStarted - plainStarted) + " | " + f2(appStarted / plainStarted) + " |");
		target("the starter adds < 200 ms startup", "+" + f0((app - plain) * 1000) + " ms", app - plain < 0.2);
		if (rows.stream().anyMatch((row) -> "app-aot".equals(row.get("variant")))) {
			double aot = median(rows, (row) -> true, "app-aot", "process_running_s");
			double aotStarted = median(rows, (row) -> true, "app-aot", "started_in_s");
			line("");
			line("| with the starter | JVM | AOT mode (`-Dspring.aot.enabled=true`) | difference | ratio |");
			line("|---|---|---|---|---|");
			line("| JVM start to ready, s | " + f3(app) + " | " + f3(aot) + " | " + f3(aot - app) + " | "
					+ f2(aot / app) + " |");
			line("| application context, s | " + f3(appStarted) + " | " + f3(aotStarted) + " | "
					+ f3(aotStarted - appStarted) + " | " + f2(aotStarted / appStarted) + " |");
		}
	}

	private void memory() throws IOException {
		List<Map<String, String>> rows = read("memory.tsv");
		if (rows.isEmpty()) {
			return;
		}
		line("");
		line("## Memory after warm-up and a full GC (" + rows.size() / 2 + " runs each, interleaved)");
		line("");
		line("| | without the starter | with the starter | difference | ratio |");
		line("|---|---|---|---|---|");
		for (String[] column : new String[][] { { "heap_used_mb", "heap in use, MB" },
				{ "heap_committed_mb", "heap committed, MB" }, { "non_heap_mb", "non-heap in use, MB" },
				{ "rss_mb", "RSS, MB" }, { "threads", "threads" }, { "loaded_classes", "loaded classes" } }) {
			double plain = median(rows, (row) -> true, "plain", column[0]);
			double app = median(rows, (row) -> true, "app", column[0]);
			line("| " + column[1] + " | " + f1(plain) + " | " + f1(app) + " | " + f1(app - plain) + " | "
					+ f2(app / plain) + " |");
			if (column[0].equals("heap_used_mb")) {
				target("the starter adds < 10 MB heap after warm-up", "+" + f1(app - plain) + " MB", app - plain < 10);
			}
		}
	}

	private void inprocess() throws IOException {
		List<Map<String, String>> rows = read("inprocess.tsv");
		if (rows.isEmpty()) {
			return;
		}
		line("");
		line("## In process, paired (one JVM, 1 KB, broker in another JVM): BindingClient.invoke vs KafkaTemplate.send().get()");
		line("");
		line("Each round runs both sides closed-loop, one after the other (order alternating); the ratio is taken");
		line("per round, then the median over the rounds. Allocation: all threads of the JVM, per operation.");
		line("");
		line("| threads | rounds | raw ops/s | client ops/s | client/raw (median) | p25 | p75 | raw B/op | client B/op |");
		line("|---|---|---|---|---|---|---|---|---|");
		for (Map<String, String> row : rows) {
			double ratio = Double.parseDouble(row.get("ratio_median"));
			line("| " + row.get("threads") + " | " + row.get("rounds") + " | " + row.get("raw_ops_per_s") + " | "
					+ row.get("client_ops_per_s") + " | " + f3(ratio) + " | " + row.get("ratio_p25") + " | "
					+ row.get("ratio_p75") + " | " + row.get("raw_alloc_bytes_per_op") + " | "
					+ row.get("client_alloc_bytes_per_op") + " |");
			target("(d) BindingClient >= 95% of raw KafkaTemplate, " + row.get("threads") + " thread(s)",
					"client/raw = " + f3(ratio) + " (median of paired rounds)", ratio >= 0.95);
		}
	}

	private void jmh() throws IOException {
		List<Map<String, String>> rows = read("jmh.tsv");
		if (rows.isEmpty()) {
			return;
		}
		line("");
		line("## In process (JMH, broker in another JVM, 1 KB): BindingClient.invoke vs KafkaTemplate.send().get()");
		line("");
		line("Separate forks, minutes apart: on this machine the drift between forks is larger than the");
		line("difference measured, so the paired comparison above is the one the target is read from.");
		line("");
		line("| threads | raw ops/s | client ops/s | client/raw | raw B/op | client B/op | client - raw B/op |");
		line("|---|---|---|---|---|---|---|");
		for (String threads : List.of("1", "16")) {
			Predicate<Map<String, String>> match = (row) -> row.get("threads").equals(threads);
			double raw = median(rows, match, "rawTemplate", "ops_per_s", "benchmark");
			double client = median(rows, match, "bindingClient", "ops_per_s", "benchmark");
			double rawAlloc = median(rows, match, "rawTemplate", "alloc_bytes_per_op", "benchmark");
			double clientAlloc = median(rows, match, "bindingClient", "alloc_bytes_per_op", "benchmark");
			if (Double.isNaN(raw)) {
				continue;
			}
			line("| " + threads + " | " + f0(raw) + " | " + f0(client) + " | " + f3(client / raw) + " | " + f0(rawAlloc)
					+ " | " + f0(clientAlloc) + " | " + f0(clientAlloc - rawAlloc) + " |");
		}
	}

	private void profile() throws IOException {
		for (String ep : List.of("c", "b")) {
			Path file = this.dir.resolve("profile-" + ep + ".txt");
			if (Files.exists(file)) {
				line("");
				line("## Where the CPU goes: JFR jdk.ExecutionSample, endpoint " + ep + ", 1 KB, 16 connections");
				line("");
				line("```");
				Files.readAllLines(file).forEach(this::line);
				line("```");
			}
		}
	}

	private void inputThroughput() throws IOException {
		List<Map<String, String>> rows = read("input-throughput.tsv");
		if (rows.isEmpty()) {
			return;
		}
		Map<String, String> any = rows.get(0);
		line("");
		line("## Input bindings, Kafka to handler: throughput (InputBenchDriver)");
		line("");
		line(any.get("records") + " records of " + any.get("partitions") + " partitions produced before the consumer "
				+ "starts; records/s from the first record handled to the last (capped: to the last handled when the "
				+ "time cap was reached). Ratio: per round against the listener of the same round, median over rounds. "
				+ "CPU and allocation over the same span: the app's JVM (and the driver, idle then), the broker's JVM.");
		line("");
		line("| variant | rounds | records/s (median) | min | max | / listener | capped | start to first, s | app CPU ms/record | broker CPU ms/record | B allocated/record | duplicates | close, s |");
		line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		Map<String, Map<String, Double>> byRound = new LinkedHashMap<>();
		for (Map<String, String> row : rows) {
			byRound.computeIfAbsent(row.get("round"), (round) -> new LinkedHashMap<>())
				.put(row.get("variant"), Double.parseDouble(row.get("records_per_s")));
		}
		for (String variant : variants(rows)) {
			Predicate<Map<String, String>> match = (row) -> true;
			double[] rates = values(rows, variant, "records_per_s");
			double[] ratios = byRound.values()
				.stream()
				.filter((round) -> round.containsKey(variant) && round.containsKey("listener"))
				.mapToDouble((round) -> round.get(variant) / round.get("listener"))
				.sorted()
				.toArray();
			double ratio = median(ratios);
			long capped = rows.stream()
				.filter((row) -> variant.equals(row.get("variant")) && "1".equals(row.get("capped")))
				.count();
			long duplicates = rows.stream()
				.filter((row) -> variant.equals(row.get("variant")))
				.mapToLong((row) -> Long.parseLong(row.get("duplicates")))
				.sum();
			line("| " + variant + " | " + rates.length + " | " + f0(median(rates)) + " | " + f0(rates[0]) + " | "
					+ f0(rates[rates.length - 1]) + " | " + f3(ratio) + " | " + capped + " | "
					+ f2(median(rows, match, variant, "start_to_first_s", "variant")) + " | "
					+ f3(median(rows, match, variant, "cpu_s_per_1000", "variant")) + " | "
					+ f3(median(rows, match, variant, "broker_cpu_s_per_1000", "variant")) + " | "
					+ f0(median(rows, match, variant, "alloc_bytes_per_record", "variant")) + " | " + duplicates + " | "
					+ f2(median(rows, match, variant, "close_s", "variant")) + " |");
			if (variant.equals("handler")) {
				target("input: annotated handler >= 90% of the hand-written @KafkaListener's throughput",
						"handler/listener = " + f3(ratio) + " (median of per-round ratios)", ratio >= 0.9);
			}
			if (variant.equals("route")) {
				target("input: route delivery against the hand-written @KafkaListener (reported)",
						"route/listener = " + f3(ratio), null);
			}
		}
	}

	private void inputLatency() throws IOException {
		List<Map<String, String>> rows = read("input-latency.tsv");
		if (rows.isEmpty()) {
			return;
		}
		line("");
		line("## Input bindings, Kafka to handler: latency at fixed rates (produce to handler, open loop), ms");
		line("");
		line("Medians over the rounds. Saturated: records still unhandled some seconds after the last was sent; "
				+ "such a run has no percentiles, only the rate it handled.");
		line("");
		line("| rate/s | variant | rounds | p50 | p90 | p99 | p99.9 | max | saturated | handled/s when saturated |");
		line("|---|---|---|---|---|---|---|---|---|---|");
		List<String> rates = new ArrayList<>();
		rows.forEach((row) -> {
			if (!rates.contains(row.get("rate"))) {
				rates.add(row.get("rate"));
			}
		});
		for (String rate : rates) {
			Predicate<Map<String, String>> match = (row) -> row.get("rate").equals(rate)
					&& "0".equals(row.get("saturated"));
			Predicate<Map<String, String>> saturated = (row) -> row.get("rate").equals(rate)
					&& "1".equals(row.get("saturated"));
			for (String variant : variants(rows)) {
				long runs = rows.stream()
					.filter((row) -> row.get("rate").equals(rate) && variant.equals(row.get("variant")))
					.count();
				long saturatedRuns = rows.stream()
					.filter(saturated)
					.filter((row) -> variant.equals(row.get("variant")))
					.count();
				line("| " + rate + " | " + variant + " | " + runs + " | "
						+ f3(median(rows, match, variant, "p50_ms", "variant")) + " | "
						+ f3(median(rows, match, variant, "p90_ms", "variant")) + " | "
						+ f3(median(rows, match, variant, "p99_ms", "variant")) + " | "
						+ f3(median(rows, match, variant, "p999_ms", "variant")) + " | "
						+ f3(median(rows, match, variant, "max_ms", "variant")) + " | " + saturatedRuns + " of " + runs
						+ " | " + f0(median(rows, saturated, variant, "handled_per_s", "variant")) + " |");
			}
		}
	}

	private void inputProfile() throws IOException {
		for (String variant : List.of("handler", "route", "listener", "listener-record", "listener-record-async")) {
			Path file = this.dir.resolve("input-profile-" + variant + ".txt");
			if (Files.exists(file)) {
				line("");
				line("## Input bindings: where the time goes, JFR, variant " + variant);
				line("");
				line("```");
				Files.readAllLines(file).forEach(this::line);
				line("```");
			}
		}
	}

	private static List<String> variants(List<Map<String, String>> rows) {
		List<String> variants = new ArrayList<>();
		for (String variant : List.of("handler", "route", "listener", "listener-record", "listener-record-async")) {
			if (rows.stream().anyMatch((row) -> variant.equals(row.get("variant")))) {
				variants.add(variant);
			}
		}
		rows.stream()
			.map((row) -> row.get("variant"))
			.filter((variant) -> !variants.contains(variant))
			.distinct()
			.forEach(variants::add);
		return variants;
	}

	private static double[] values(List<Map<String, String>> rows, String variant, String column) {
		return rows.stream()
			.filter((row) -> variant.equals(row.get("variant")))
			.mapToDouble((row) -> Double.parseDouble(row.get(column)))
			.sorted()
			.toArray();
	}

	private static double median(double[] sorted) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private void target(String target, String measured, Boolean met) {
		this.targets.add(new String[] { target, measured, (met == null) ? "(reported)" : (met ? "yes" : "**no**") });
	}

	private Map<String, Long> offsets(String name) throws IOException {
		Map<String, Long> offsets = new HashMap<>();
		Path file = this.dir.resolve(name);
		if (Files.exists(file)) {
			for (String line : Files.readAllLines(file)) {
				String[] parts = line.trim().split("\\s+");
				if (parts.length == 2) {
					offsets.put(parts[0], Long.parseLong(parts[1]));
				}
			}
		}
		return offsets;
	}

	private List<Map<String, String>> read(String name) throws IOException {
		Path file = this.dir.resolve(name);
		List<Map<String, String>> rows = new ArrayList<>();
		if (!Files.exists(file)) {
			return rows;
		}
		List<String> lines = Files.readAllLines(file);
		String[] header = lines.get(0).split("\t");
		for (String line : lines.subList(1, lines.size())) {
			String[] values = line.split("\t", -1);
			Map<String, String> row = new HashMap<>();
			for (int i = 0; i < header.length && i < values.length; i++) {
				row.put(header[i], values[i]);
			}
			rows.add(row);
		}
		return rows;
	}

	private static double median(List<Map<String, String>> rows, Predicate<Map<String, String>> match, String key,
			String column) {
		String keyColumn = rows.isEmpty() || rows.get(0).containsKey("endpoint") ? "endpoint" : "variant";
		return median(rows, match, key, column, keyColumn);
	}

	private static double median(List<Map<String, String>> rows, Predicate<Map<String, String>> match, String key,
			String column, String keyColumn) {
		double[] values = rows.stream()
			.filter(match)
			.filter((row) -> key.equals(row.get(keyColumn)))
			.map((row) -> row.get(column))
			.filter((value) -> value != null && !value.isEmpty())
			.mapToDouble(Double::parseDouble)
			.sorted()
			.toArray();
		if (values.length == 0) {
			return Double.NaN;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	private static String size(String bytes) {
		return switch (bytes) {
			case "100" -> "100 B";
			case "1024" -> "1 KB";
			case "32768" -> "32 KB";
			default -> bytes + " B";
		};
	}

	private static String f0(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
	}

	private static String f1(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
	}

	private static String f2(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
	}

	private static String f3(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

}
