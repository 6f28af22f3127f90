/**
 * A test kit for apps that use Dapr output bindings: in-memory bindings that record every
 * request, and {@link dev.bindings.testkit.AutoConfigureInMemoryBindings}.
 */
@NullMarked
package dev.bindings.testkit;

import org.jspecify.annotations.NullMarked;
