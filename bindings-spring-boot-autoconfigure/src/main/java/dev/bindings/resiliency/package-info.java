/**
 * Dapr {@code Resiliency} policies (timeouts, retries, circuit breakers) applied to
 * output bindings with resilience4j.
 */
@NullMarked
package dev.bindings.resiliency;

import org.jspecify.annotations.NullMarked;
