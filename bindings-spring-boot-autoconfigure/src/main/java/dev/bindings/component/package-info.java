/**
 * Dapr component definitions: loading them from folders of Dapr component YAML files and
 * from {@code bindings.components.*} properties, and resolving their metadata.
 */
@NullMarked
package dev.bindings.component;

import org.jspecify.annotations.NullMarked;
