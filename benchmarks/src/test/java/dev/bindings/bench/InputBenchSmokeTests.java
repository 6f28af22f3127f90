package dev.bindings.bench;

import java.nio.file.Path;
import java.util.List;

import dev.bindings.bench.InputBenchDriver.LatencyRun;
import dev.bindings.bench.InputBenchDriver.Settings;
import dev.bindings.bench.InputBenchDriver.ThroughputRun;
import dev.bindings.bench.input.InputBenchApplication;
import dev.bindings.localkafka.LocalKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke test of the input benchmarks' harness (no measurement): every variant of
 * {@link InputBenchApplication} handles every record of a few, produced to several
 * partitions, once; a latency run of one variant measures every record it scheduled. The
 * benchmarks themselves run with {@code benchmarks/run.sh} ({@code PHASES=input}).
 */
class InputBenchSmokeTests {

	private static final int RECORDS = 60;

	@TempDir
	static Path tempDir;

	private static LocalKafkaBroker broker;

	private static Settings settings;

	@BeforeAll
	static void start() {
		broker = LocalKafkaBroker.start("localhost", 0, 0, tempDir.resolve("kafka"));
		// every record must arrive (no cap), within generous bounds
		settings = new Settings(broker.bootstrapServers(), InputBenchApplication.VARIANTS,
				List.of("throughput", "latency"), 1, RECORDS, 100, 1000, 3, 1, RECORDS, 120, false, 1, List.of(50), 1,
				1, 120, 0, false);
	}

	@AfterAll
	static void stop() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void everyVariantHandlesEveryRecord() throws Exception {
		InputBenchDriver.with(settings, (driver) -> {
			for (String variant : InputBenchApplication.VARIANTS) {
				ThroughputRun run = driver.throughput(variant, 1, RECORDS, null);
				assertThat(run.variant()).isEqualTo(variant);
				assertThat(run.handled()).as(variant).isEqualTo(RECORDS);
				assertThat(run.recordsPerSecond()).as(variant).isPositive();
			}
		});
	}

	@Test
	void aLatencyRunMeasuresEveryScheduledRecord() throws Exception {
		InputBenchDriver.with(settings, (driver) -> {
			LatencyRun run = driver.latency("handler", 1, 50);
			assertThat(run.saturated()).isFalse();
			assertThat(run.handled()).isEqualTo(run.sent());
			assertThat(run.measured()).isEqualTo(50);
			assertThat(run.p50()).isPositive().isLessThanOrEqualTo(run.max());
		});
	}

}
