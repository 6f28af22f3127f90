/**
 * Support shared by the SQL output binding types ({@code bindings.postgresql},
 * {@code bindings.mysql}): one JDBC binding on a HikariCP pool with Dapr's {@code exec},
 * {@code query} and {@code close} operations, composed of each type's
 * {@link dev.bindings.jdbc.JdbcDialect}; parameter decoding; the result set written as
 * Go's JSON ({@link dev.bindings.support.golang}) up to
 * {@code bindings.limits.max-response-size}.
 */
@NullMarked
package dev.bindings.jdbc;

import org.jspecify.annotations.NullMarked;
