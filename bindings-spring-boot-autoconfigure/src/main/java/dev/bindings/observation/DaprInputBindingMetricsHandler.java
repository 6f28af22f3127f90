package dev.bindings.observation;

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

	private final DaprComponentMetrics metrics;

	/**
	 * Create a handler.
	 * @param registry the meter registry
	 * @param appId the app ID tag
	 * @param namespace the namespace tag
	 */
	public DaprInputBindingMetricsHandler(MeterRegistry registry, String appId, String namespace) {
		this.metrics = new DaprComponentMetrics(registry, COUNT, LATENCIES, appId, namespace);
	}

	@Override
	public void onStart(InputBindingObservationContext context) {
		this.metrics.start(context);
	}

	@Override
	public void onStop(InputBindingObservationContext context) {
		this.metrics.stop(context, context.getBindingName(), Tags.empty());
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof InputBindingObservationContext;
	}

}
