/**
 * Auto-configuration of the {@code bindings.mqtt3} binding type.
 */
@NullMarked
package dev.bindings.mqtt3.autoconfigure;

import org.jspecify.annotations.NullMarked;
