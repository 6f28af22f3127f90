/**
 * Auto-configuration of the {@code bindings.rabbitmq} binding type.
 */
@NullMarked
package dev.bindings.rabbitmq.autoconfigure;

import org.jspecify.annotations.NullMarked;
