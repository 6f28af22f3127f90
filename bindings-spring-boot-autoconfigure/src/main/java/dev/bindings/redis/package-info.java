/**
 * The {@code bindings.redis} output binding type.
 */
@NullMarked
package dev.bindings.redis;

import org.jspecify.annotations.NullMarked;
