/**
 * Auto-configuration of the {@code bindings.smtp} binding type.
 */
@NullMarked
package dev.bindings.smtp.autoconfigure;

import org.jspecify.annotations.NullMarked;
