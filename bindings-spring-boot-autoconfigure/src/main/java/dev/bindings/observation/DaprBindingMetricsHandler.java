package dev.bindings.observation;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Publishes daprd's output binding metrics, so that Dapr dashboards keep working:
 * {@code dapr_component_output_binding_count} (a counter; Prometheus shows it with the
 * {@code _total} suffix) and {@code dapr_component_output_binding_latencies} (a
 * distribution in milliseconds with daprd's buckets), tagged {@code app_id},
 * {@code component}, {@code namespace}, {@code operation} and {@code success}. Unlike
 * daprd, an unknown binding name is tagged {@code unknown} and an unsupported operation
 * {@code unsupported}.
 */
public class DaprBindingMetricsHandler implements ObservationHandler<BindingObservationContext> {

	/** The count metric. */
	public static final String COUNT = "dapr_component_output_binding_count";

	/** The latency metric. */
	public static final String LATENCIES = "dapr_component_output_binding_latencies";

	/** daprd's default latency buckets, in milliseconds. */
	private static final double[] BUCKETS = { 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130,
			160, 200, 250, 300, 400, 500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000 };

	private static final String START = DaprBindingMetricsHandler.class.getName() + ".start";

	private final MeterRegistry registry;

	private final String appId;

	private final String namespace;

	private final DefaultBindingObservationConvention names = new DefaultBindingObservationConvention();

	/**
	 * Create a handler.
	 * @param registry the meter registry
	 * @param appId the app ID tag
	 * @param namespace the namespace tag
	 */
	public DaprBindingMetricsHandler(MeterRegistry registry, String appId, String namespace) {
		this.registry = registry;
		this.appId = appId;
		this.namespace = namespace;
	}

	@Override
	public void onStart(BindingObservationContext context) {
		context.put(START, System.nanoTime());
	}

	@Override
	public void onStop(BindingObservationContext context) {
		Tags tags = Tags.of("app_id", this.appId, "component", this.names.bindingName(context), "namespace",
				this.namespace, "operation", this.names.operation(context), "success",
				String.valueOf(context.getError() == null));
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
		return context instanceof BindingObservationContext;
	}

}
