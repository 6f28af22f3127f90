/**
 * Auto-configuration of the {@code bindings.localstorage} binding type.
 */
@NullMarked
package dev.bindings.localstorage.autoconfigure;

import org.jspecify.annotations.NullMarked;
