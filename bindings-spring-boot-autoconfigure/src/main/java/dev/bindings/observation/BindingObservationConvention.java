package dev.bindings.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * A convention for {@link BindingObservation#INVOCATION}. Register a bean of this type to
 * replace {@link DefaultBindingObservationConvention}.
 */
public interface BindingObservationConvention extends ObservationConvention<BindingObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof BindingObservationContext;
	}

}
