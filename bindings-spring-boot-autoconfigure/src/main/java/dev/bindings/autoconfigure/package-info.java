/**
 * Auto-configuration for Dapr output bindings.
 */
@NullMarked
package dev.bindings.autoconfigure;

import org.jspecify.annotations.NullMarked;
