/**
 * Auto-configuration of the {@code bindings.postgresql} binding type.
 */
@NullMarked
package dev.bindings.postgresql.autoconfigure;

import org.jspecify.annotations.NullMarked;
