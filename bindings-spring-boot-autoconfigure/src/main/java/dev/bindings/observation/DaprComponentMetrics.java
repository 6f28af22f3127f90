package dev.bindings.observation;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;

/**
 * daprd's pair of component metrics (a count and a latency distribution in milliseconds
 * with daprd's buckets), tagged {@code app_id}, {@code component}, {@code namespace}, the
 * caller's tags and {@code success}: what the output and input binding handlers share.
 */
final class DaprComponentMetrics {

	/** daprd's default latency buckets, in milliseconds. */
	private static final double[] BUCKETS = { 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130,
			160, 200, 250, 300, 400, 500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000 };

	private final MeterRegistry registry;

	private final String count;

	private final String latencies;

	private final String appId;

	private final String namespace;

	private final String startKey;

	DaprComponentMetrics(MeterRegistry registry, String count, String latencies, String appId, String namespace) {
		this.registry = registry;
		this.count = count;
		this.latencies = latencies;
		this.appId = appId;
		this.namespace = namespace;
		this.startKey = DaprComponentMetrics.class.getName() + "." + count + ".start";
	}

	void start(Observation.Context context) {
		context.put(this.startKey, System.nanoTime());
	}

	void stop(Observation.Context context, String component, Tags tags) {
		Tags all = Tags.of("app_id", this.appId, "component", component, "namespace", this.namespace)
			.and(tags)
			.and("success", String.valueOf(context.getError() == null));
		Counter.builder(this.count).tags(all).register(this.registry).increment();
		Long start = context.get(this.startKey);
		if (start != null) {
			double millis = Duration.ofNanos(System.nanoTime() - start).toNanos() / 1_000_000.0;
			if (millis > 0) {
				DistributionSummary.builder(this.latencies)
					.tags(all)
					.serviceLevelObjectives(BUCKETS)
					.register(this.registry)
					.record(millis);
			}
		}
	}

}
