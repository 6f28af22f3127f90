/**
 * The {@code bindings.localstorage} output binding type: files under a root folder.
 */
@NullMarked
package dev.bindings.localstorage;

import org.jspecify.annotations.NullMarked;
