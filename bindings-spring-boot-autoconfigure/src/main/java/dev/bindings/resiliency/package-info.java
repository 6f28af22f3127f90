/**
 * Dapr {@code Resiliency} policies (timeouts, retries, circuit breakers) applied with
 * resilience4j to output bindings ({@code outbound}) and to the deliveries of input
 * bindings ({@code inbound}).
 */
@NullMarked
package dev.bindings.resiliency;

import org.jspecify.annotations.NullMarked;
