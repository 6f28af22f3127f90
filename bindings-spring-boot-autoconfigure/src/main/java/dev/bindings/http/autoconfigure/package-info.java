/**
 * Auto-configuration of the {@code bindings.http} binding type.
 */
@NullMarked
package dev.bindings.http.autoconfigure;

import org.jspecify.annotations.NullMarked;
