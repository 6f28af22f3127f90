/**
 * Micrometer observation of output binding invocations and input binding deliveries: the
 * documented observations, their contexts and default conventions, and daprd's binding
 * metrics.
 */
@NullMarked
package dev.bindings.observation;

import org.jspecify.annotations.NullMarked;
