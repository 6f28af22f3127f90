/**
 * Micrometer observation of binding invocations: the documented observation, its context
 * and default convention, and Dapr's output binding metrics.
 */
@NullMarked
package dev.bindings.observation;

import org.jspecify.annotations.NullMarked;
