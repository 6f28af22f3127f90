package dev.bindings.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

import dev.bindings.jdbc.JdbcDialect;
import org.jspecify.annotations.Nullable;

/**
 * What {@code bindings.mysql} does its own way. Statements use JDBC's {@code ?}
 * placeholders, as with Dapr's Go driver. {@code query} returns a JSON array of objects
 * keyed by column label, in sorted key order as Go writes maps, with {@code NULL} columns
 * left out, and {@code null} when there are no rows: numbers (including {@code DECIMAL})
 * as numbers, character columns as strings, binary columns as base64, {@code DATETIME},
 * {@code TIMESTAMP} and {@code DATE} as RFC3339 strings in the {@code loc} zone (UTC by
 * default), {@code TIME} as {@code 15:04:05}. Server errors read as the Go driver prints
 * them: {@code Error 1146 (42S02): Table 'test.x' doesn't exist}; a refused
 * {@code LOAD DATA LOCAL INFILE} names {@code allowAllFiles}, the setting that allows it.
 */
final class MySqlDialect implements JdbcDialect {

	/** How many rows the driver reads from a streamed result at a time. */
	static final int FETCH_SIZE = 100;

	private static final Pattern CONNECTION_PREFIX = Pattern.compile("^\\(conn=\\d+\\) ");

	/**
	 * {@code ER_LOAD_INFILE_CAPABILITY_DISABLED}, which the driver reports too when it
	 * refuses local infile itself.
	 */
	private static final int LOCAL_INFILE_DISABLED = 4166;

	MySqlDialect() {
	}

	@Override
	public Rows rows() {
		return Rows.OBJECTS;
	}

	/**
	 * Stream the rows: with a fetch size, MariaDB Connector/J reads the result from the
	 * socket {@value #FETCH_SIZE} rows at a time instead of reading all of it when the
	 * statement runs. The server sends the same rows either way.
	 */
	@Override
	public boolean fetchInChunks(Connection connection, PreparedStatement statement, String sql,
			@Nullable Duration timeout) throws SQLException {
		statement.setFetchSize(FETCH_SIZE);
		return false;
	}

	/**
	 * Kill the query on the server ({@code KILL QUERY}, through another connection), so
	 * that closing the statement does not read the rest of a streamed result.
	 */
	@Override
	public void abandon(PreparedStatement statement) {
		try {
			statement.cancel();
		}
		catch (SQLException ex) {
			// closing the statement reads and discards the rest
		}
	}

	@Override
	public @Nullable String describe(SQLException ex) {
		if (ex.getErrorCode() == LOCAL_INFILE_DISABLED && ex.getMessage() != null
				&& ex.getMessage().contains("disabled by connector")) {
			// the driver's own refusal names its option, which a Dapr url cannot set
			return "Error " + LOCAL_INFILE_DISABLED + " (" + ex.getSQLState() + "): LOAD DATA LOCAL INFILE is refused: "
					+ "reading a file of the app's host needs allowAllFiles=true in the component's url";
		}
		if (ex.getErrorCode() > 0 && ex.getSQLState() != null && ex.getMessage() != null) {
			return "Error " + ex.getErrorCode() + " (" + ex.getSQLState() + "): "
					+ CONNECTION_PREFIX.matcher(ex.getMessage()).replaceFirst("");
		}
		return null;
	}

}
