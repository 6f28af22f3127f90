/**
 * The public API of the Dapr output bindings starter: {@link dev.bindings.OutputBinding},
 * {@link dev.bindings.BindingClient}, requests, responses and exceptions.
 */
@NullMarked
package dev.bindings;

import org.jspecify.annotations.NullMarked;
