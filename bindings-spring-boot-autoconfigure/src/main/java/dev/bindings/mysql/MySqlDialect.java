package dev.bindings.mysql;

import java.sql.SQLException;
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
 * them: {@code Error 1146 (42S02): Table 'test.x' doesn't exist}.
 */
public final class MySqlDialect implements JdbcDialect {

	private static final Pattern CONNECTION_PREFIX = Pattern.compile("^\\(conn=\\d+\\) ");

	MySqlDialect() {
	}

	@Override
	public Rows rows() {
		return Rows.OBJECTS;
	}

	@Override
	public @Nullable String describe(SQLException ex) {
		if (ex.getErrorCode() > 0 && ex.getSQLState() != null && ex.getMessage() != null) {
			return "Error " + ex.getErrorCode() + " (" + ex.getSQLState() + "): "
					+ CONNECTION_PREFIX.matcher(ex.getMessage()).replaceFirst("");
		}
		return null;
	}

}
