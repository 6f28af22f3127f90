package dev.bindings.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What differs between the SQL binding types, composed into {@link JdbcOutputBinding}:
 * the shape of {@code query} results, how a statement's placeholders take the
 * {@code params}, column types a database reads its own way, what {@code exec} reports
 * for a statement that returns rows, and how a server error reads.
 */
public interface JdbcDialect {

	/**
	 * How {@code query} writes its rows.
	 * @return the shape of the rows
	 */
	Rows rows();

	/**
	 * The statement to prepare and its parameters in the order of its JDBC placeholders.
	 * The default takes the statement as it is, with JDBC's {@code ?} placeholders.
	 * @param sql the statement as the request gave it
	 * @param parameters the parameters from {@code params}
	 * @return the statement for the driver
	 * @throws SQLException if the parameters do not fit the statement; the message
	 * becomes the binding's error
	 */
	default PreparedSql prepare(String sql, List<@Nullable Object> parameters) throws SQLException {
		return new PreparedSql(sql, parameters);
	}

	/**
	 * Read a column as a JSON-ready value. The default is
	 * {@link JdbcValues#readValue(ResultSet, int, ResultSetMetaData)}; a dialect reads
	 * its own column types first.
	 * @param resultSet the rows, positioned on a row
	 * @param column the column, from 1
	 * @param metaData the result set's metadata
	 * @param values the values mapper, for the types the dialect leaves to it
	 * @return the value
	 * @throws SQLException on a driver error
	 */
	default @Nullable Object readValue(ResultSet resultSet, int column, ResultSetMetaData metaData, JdbcValues values)
			throws SQLException {
		return values.readValue(resultSet, column, metaData);
	}

	/**
	 * Whether an {@code exec} of a statement that returns rows reports their number as
	 * {@code rows-affected} (PostgreSQL's command tag), rather than {@code 0}.
	 * @return whether the rows are counted
	 */
	default boolean countsReturnedRows() {
		return false;
	}

	/**
	 * Let the driver fetch the rows of a statement in chunks instead of holding the whole
	 * result, where the driver can do so without changing what the statement does. The
	 * default does nothing.
	 * @param connection the connection, in auto-commit mode
	 * @param statement the prepared statement, not yet executed
	 * @param sql the statement as the request gave it
	 * @param timeout the timeout of the statement, or {@code null} for none
	 * @return whether a transaction was begun (auto-commit turned off), which the binding
	 * commits once the rows are read, or rolls back on a failure, and then turns
	 * auto-commit on again
	 * @throws SQLException on a driver error
	 */
	default boolean fetchInChunks(Connection connection, PreparedStatement statement, String sql,
			@Nullable Duration timeout) throws SQLException {
		return false;
	}

	/**
	 * Stop a statement whose rows the binding will not read to the end (the result is
	 * larger than the limit), so that the server does not go on sending them. The default
	 * does nothing: closing the statement discards the rest.
	 * @param statement the statement
	 */
	default void abandon(PreparedStatement statement) {
	}

	/**
	 * Describe a server error as the Go driver Dapr uses prints it.
	 * @param ex the error
	 * @return the description, or {@code null} for the driver's own message; the binding
	 * masks the component's secrets in either
	 */
	default @Nullable String describe(SQLException ex) {
		return null;
	}

	/**
	 * The shape of {@code query} results.
	 */
	enum Rows {

		/**
		 * A JSON array of objects keyed by column label, in sorted key order as Go writes
		 * maps (a later column with the same label wins), with {@code NULL} columns left
		 * out, and {@code null} when there are no rows (Go's nil slice).
		 */
		OBJECTS,

		/**
		 * A JSON array of row arrays, values by position, and {@code []} when there are
		 * no rows.
		 */
		ARRAYS

	}

	/**
	 * A statement for the driver.
	 *
	 * @param sql the statement with JDBC's {@code ?} placeholders
	 * @param parameters the value of each placeholder, in order
	 */
	record PreparedSql(String sql, List<@Nullable Object> parameters) {

	}

}
