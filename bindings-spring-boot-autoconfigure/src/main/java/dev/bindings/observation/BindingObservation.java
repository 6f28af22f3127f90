package dev.bindings.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of this starter.
 */
public enum BindingObservation implements ObservationDocumentation {

	/**
	 * One invocation of an output binding, through {@code BindingClient}, the HTTP API or
	 * the gRPC API.
	 */
	INVOCATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultBindingObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.BINDING_NAME, LowCardinalityKeys.BINDING_TYPE,
					LowCardinalityKeys.OPERATION, LowCardinalityKeys.OUTCOME, LowCardinalityKeys.ERROR };
		}

	},

	/**
	 * The delivery of one input binding event to the application (a route of its server,
	 * or a {@code @BindingListener} method). Continues the trace of the event's
	 * {@code traceparent} metadata (a Kafka record's header).
	 */
	DELIVERY {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultInputBindingObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.BINDING_NAME, LowCardinalityKeys.BINDING_TYPE,
					LowCardinalityKeys.DELIVERY, LowCardinalityKeys.OUTCOME, LowCardinalityKeys.ERROR };
		}

	};

	/**
	 * Low-cardinality tags. Unknown binding names and unsupported operations are reported
	 * as {@code unknown} and {@code unsupported}, so that requests cannot create new time
	 * series.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/**
		 * The binding (component) name, {@code unknown} when there is no such binding.
		 */
		BINDING_NAME {

			@Override
			public String asString() {
				return "binding.name";
			}

		},

		/**
		 * The component type, for example {@code bindings.kafka}.
		 */
		BINDING_TYPE {

			@Override
			public String asString() {
				return "binding.type";
			}

		},

		/**
		 * The operation, {@code unsupported} when the binding does not support it.
		 */
		OPERATION {

			@Override
			public String asString() {
				return "binding.operation";
			}

		},

		/**
		 * How an input binding event is delivered: {@code route} (a POST to the
		 * application's server, as daprd delivers) or {@code handler} (a
		 * {@code @BindingListener} method).
		 */
		DELIVERY {

			@Override
			public String asString() {
				return "binding.delivery";
			}

		},

		/**
		 * {@code success} or {@code failure}.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * The exception class of a failure, {@code none} otherwise.
		 */
		ERROR {

			@Override
			public String asString() {
				return "error";
			}

		}

	}

}
