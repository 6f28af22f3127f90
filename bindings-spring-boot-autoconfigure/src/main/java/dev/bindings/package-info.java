/**
 * The public API of the Dapr bindings starter: output bindings
 * ({@link dev.bindings.OutputBinding}, {@link dev.bindings.BindingClient}, requests,
 * responses and exceptions) and input bindings ({@link dev.bindings.InputBinding}, the
 * SPI of input binding types, {@link dev.bindings.BindingEvent} and
 * {@link dev.bindings.BindingListener}).
 */
@NullMarked
package dev.bindings;

import org.jspecify.annotations.NullMarked;
