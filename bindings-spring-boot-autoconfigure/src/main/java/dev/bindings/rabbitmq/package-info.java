/**
 * The {@code bindings.rabbitmq} output binding type.
 */
@NullMarked
package dev.bindings.rabbitmq;

import org.jspecify.annotations.NullMarked;
