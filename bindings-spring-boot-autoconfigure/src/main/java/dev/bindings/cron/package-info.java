/**
 * The {@code bindings.cron} input binding type: daprd's schedule syntax, one event per
 * tick.
 */
@NullMarked
package dev.bindings.cron;

import org.jspecify.annotations.NullMarked;
