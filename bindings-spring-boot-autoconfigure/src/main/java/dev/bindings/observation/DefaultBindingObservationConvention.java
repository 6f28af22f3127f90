package dev.bindings.observation;

import dev.bindings.observation.BindingObservation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The default {@link BindingObservationConvention}: observation name
 * {@code bindings.invocation}, contextual name {@code <binding> <operation>}.
 */
public class DefaultBindingObservationConvention implements BindingObservationConvention {

	/** The observation name. */
	public static final String NAME = "bindings.invocation";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(BindingObservationContext context) {
		return bindingName(context) + " " + operation(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(BindingObservationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(LowCardinalityKeys.BINDING_NAME.withValue(bindingName(context)),
				LowCardinalityKeys.BINDING_TYPE
					.withValue((context.getBindingType() != null) ? context.getBindingType() : "unknown"),
				LowCardinalityKeys.OPERATION.withValue(operation(context)),
				LowCardinalityKeys.OUTCOME.withValue((error != null) ? "failure" : "success"),
				LowCardinalityKeys.ERROR.withValue((error != null) ? error.getClass().getSimpleName() : "none"));
	}

	/**
	 * The binding name as a tag value: {@code unknown} for a binding that does not exist.
	 * @param context the context
	 * @return the tag value
	 */
	protected String bindingName(BindingObservationContext context) {
		return context.isKnown() ? context.getBindingName() : "unknown";
	}

	/**
	 * The operation as a tag value: {@code unsupported} for one the binding does not
	 * support.
	 * @param context the context
	 * @return the tag value
	 */
	protected String operation(BindingObservationContext context) {
		return context.isOperationSupported() ? context.getOperation() : "unsupported";
	}

}
