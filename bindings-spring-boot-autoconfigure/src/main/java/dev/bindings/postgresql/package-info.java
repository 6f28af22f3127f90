/**
 * The {@code bindings.postgresql} output binding type: Dapr's PostgreSQL component on
 * JDBC, HikariCP and the PostgreSQL driver. Query results are arrays of row arrays.
 */
@NullMarked
package dev.bindings.postgresql;

import org.jspecify.annotations.NullMarked;
