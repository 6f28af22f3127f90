/**
 * Support shared by the SQL output binding types ({@code bindings.postgresql},
 * {@code bindings.mysql}): a JDBC binding on a HikariCP pool with Dapr's {@code exec},
 * {@code query} and {@code close} operations, parameter decoding, and Go's formats for
 * times, durations and JSON.
 */
@NullMarked
package dev.bindings.jdbc;

import org.jspecify.annotations.NullMarked;
