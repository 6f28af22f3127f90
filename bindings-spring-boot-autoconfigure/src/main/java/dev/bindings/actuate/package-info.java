/**
 * Actuator support: a health contributor with one entry per binding, and the read-only
 * {@code bindings} endpoint.
 */
@NullMarked
package dev.bindings.actuate;

import org.jspecify.annotations.NullMarked;
