/**
 * Support shared by the SQL output binding types ({@code bindings.postgresql},
 * {@code bindings.mysql}): a JDBC binding on a HikariCP pool with Dapr's {@code exec},
 * {@code query} and {@code close} operations, parameter decoding, and column values
 * written as Go's JSON ({@link dev.bindings.support.golang}).
 */
@NullMarked
package dev.bindings.jdbc;

import org.jspecify.annotations.NullMarked;
