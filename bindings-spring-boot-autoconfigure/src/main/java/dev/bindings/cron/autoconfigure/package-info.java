/**
 * Auto-configuration of the {@code bindings.cron} input binding type.
 */
@NullMarked
package dev.bindings.cron.autoconfigure;

import org.jspecify.annotations.NullMarked;
