/**
 * A test kit for apps that use Dapr bindings: in-memory output bindings that record every
 * request, in-memory input bindings into which a test delivers events, and
 * {@link dev.bindings.testkit.AutoConfigureInMemoryBindings}.
 */
@NullMarked
package dev.bindings.testkit;

import org.jspecify.annotations.NullMarked;
