package dev.bindings.observation;

import dev.bindings.observation.BindingObservation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The default {@link InputBindingObservationConvention}: observation name
 * {@code bindings.delivery}, contextual name {@code <binding> deliver}.
 */
public class DefaultInputBindingObservationConvention implements InputBindingObservationConvention {

	/** The observation name. */
	public static final String NAME = "bindings.delivery";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(InputBindingObservationContext context) {
		return context.getBindingName() + " deliver";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(InputBindingObservationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(LowCardinalityKeys.BINDING_NAME.withValue(context.getBindingName()),
				LowCardinalityKeys.BINDING_TYPE.withValue(context.getBindingType()),
				LowCardinalityKeys.DELIVERY.withValue(context.getDelivery()),
				LowCardinalityKeys.OUTCOME.withValue((error != null) ? "failure" : "success"),
				LowCardinalityKeys.ERROR.withValue((error != null) ? error.getClass().getSimpleName() : "none"));
	}

}
