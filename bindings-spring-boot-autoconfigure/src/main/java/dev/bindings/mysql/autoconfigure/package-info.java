/**
 * Auto-configuration of the {@code bindings.mysql} binding type.
 */
@NullMarked
package dev.bindings.mysql.autoconfigure;

import org.jspecify.annotations.NullMarked;
