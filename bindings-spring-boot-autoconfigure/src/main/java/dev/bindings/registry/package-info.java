/**
 * The binding-type SPI ({@link dev.bindings.registry.OutputBindingFactory}) and the
 * registry that turns component definitions into live bindings and owns their lifecycle.
 */
@NullMarked
package dev.bindings.registry;

import org.jspecify.annotations.NullMarked;
