package dev.bindings.observation;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Publishes daprd's input binding metrics, so that Dapr dashboards keep working:
 * {@code dapr_component_input_binding_count} (a counter; Prometheus shows it with the
 * {@code _total} suffix) and {@code dapr_component_input_binding_latencies} (a
 * distribution in milliseconds with daprd's buckets), one per delivery of an event to the
 * application, tagged {@code app_id}, {@code component}, {@code namespace} and
 * {@code success}, as daprd tags them.
 */
public class DaprInputBindingMetricsHandler implements ObservationHandler<InputBindingObservationContext> {

	/** The count metric. */
	public static final String COUNT = "dapr_component_input_binding_count";

	/** The latency metric. */
	public static final String LATENCIES = "dapr_component_input_binding_latencies";

	/** daprd's default latency buckets, in milliseconds. */
	private static final double[] BUCKETS = { 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130,
			160, 200, 250, 300, 400, 500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000 };

	private static final String START = DaprInputBindingMetricsHandler.class.getName() + ".start";

	private final MeterRegistry registry;

	private final String appId;

	private final String namespace;

	/**
	 * Create a handler.
	 * @param registry the meter registry
	 * @param appId the app ID tag
	 * @param namespace the namespace tag
	 */
	public DaprInputBindingMetricsHandler(MeterRegistry registry, String appId, String namespace) {
		this.registry = registry;
		this.appId = appId;
		this.namespace = namespace;
	}

	@Override
	public void onStart(InputBindingObservationContext context) {
		context.put(START, System.nanoTime());
	}

	@Override
	public void onStop(InputBindingObservationContext context) {
		Tags tags = Tags.of("app_id", this.appId, "component", context.getBindingName(), "namespace", this.namespace,
				"success", String.valueOf(context.getError() == null));
		Counter.builder(COUNT).tags(tags).register(this.registry).increment();
		Long start = context.get(START);
		if (start != null) {
			double millis = Duration.ofNanos(System.nanoTime() - start).toNanos() / 1_000_000.0;
			if (millis > 0) {
				DistributionSummary.builder(LATENCIES)
					.tags(tags)
					.serviceLevelObjectives(BUCKETS)
					.register(this.registry)
					.record(millis);
			}
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof InputBindingObservationContext;
	}

}
