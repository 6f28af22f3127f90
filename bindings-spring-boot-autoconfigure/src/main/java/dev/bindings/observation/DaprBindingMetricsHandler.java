package dev.bindings.observation;

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

	private final DaprComponentMetrics metrics;

	private final DefaultBindingObservationConvention names = new DefaultBindingObservationConvention();

	/**
	 * Create a handler.
	 * @param registry the meter registry
	 * @param appId the app ID tag
	 * @param namespace the namespace tag
	 */
	public DaprBindingMetricsHandler(MeterRegistry registry, String appId, String namespace) {
		this.metrics = new DaprComponentMetrics(registry, COUNT, LATENCIES, appId, namespace);
	}

	@Override
	public void onStart(BindingObservationContext context) {
		this.metrics.start(context);
	}

	@Override
	public void onStop(BindingObservationContext context) {
		this.metrics.stop(context, this.names.bindingName(context),
				Tags.of("operation", this.names.operation(context)));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof BindingObservationContext;
	}

}
