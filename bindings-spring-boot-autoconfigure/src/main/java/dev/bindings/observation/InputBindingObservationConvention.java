package dev.bindings.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * A convention for {@link BindingObservation#DELIVERY}. Register a bean of this type to
 * replace {@link DefaultInputBindingObservationConvention}.
 */
public interface InputBindingObservationConvention extends ObservationConvention<InputBindingObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof InputBindingObservationContext;
	}

}
