/**
 * The {@code bindings.http} output binding type, on the JDK's HTTP client.
 */
@NullMarked
package dev.bindings.http;

import org.jspecify.annotations.NullMarked;
