/**
 * The {@code bindings.mysql} output binding type: Dapr's MySQL component on JDBC,
 * HikariCP and the MariaDB driver, with Go-style DSNs converted to JDBC URLs. Query
 * results are arrays of objects keyed by column name.
 */
@NullMarked
package dev.bindings.mysql;

import org.jspecify.annotations.NullMarked;
