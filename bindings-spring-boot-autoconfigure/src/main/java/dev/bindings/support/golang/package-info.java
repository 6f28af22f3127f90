/**
 * Go's formats, where Dapr's behaviour depends on them, in one place for the HTTP API,
 * the component metadata and the binding types: JSON as {@code encoding/json} writes it
 * ({@link dev.bindings.support.golang.GoJson}: string escaping, the error body, the UTF-8
 * writer, a Jackson mapper with the same escapes, float formatting), durations as
 * {@code time.ParseDuration} reads and {@code time.Duration.String()} writes them
 * ({@link dev.bindings.support.golang.GoDuration}), and times as {@code time.RFC3339Nano}
 * ({@link dev.bindings.support.golang.GoTime}). It depends on Jackson only.
 */
@NullMarked
package dev.bindings.support.golang;

import org.jspecify.annotations.NullMarked;
