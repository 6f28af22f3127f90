/**
 * Auto-configuration of the {@code bindings.redis} binding type.
 */
@NullMarked
package dev.bindings.redis.autoconfigure;

import org.jspecify.annotations.NullMarked;
