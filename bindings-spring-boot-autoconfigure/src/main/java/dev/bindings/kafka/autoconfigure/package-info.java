/**
 * Auto-configuration of the {@code bindings.kafka} binding type.
 */
@NullMarked
package dev.bindings.kafka.autoconfigure;

import org.jspecify.annotations.NullMarked;
