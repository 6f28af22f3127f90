package dev.bindings.postgresql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.bindings.jdbc.JdbcDialect;
import dev.bindings.jdbc.JdbcValues;
import dev.bindings.support.golang.GoJson;
import dev.bindings.support.golang.GoTime;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PreferQueryMode;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import tools.jackson.core.JacksonException;

/**
 * What {@code bindings.postgresql} does its own way, as Dapr's pgx-based component does.
 * Statements use PostgreSQL's {@code $n} placeholders. {@code query} returns a JSON array
 * of row arrays (values by position, {@code []} when there are no rows): numbers as
 * numbers, {@code bytea} as base64, {@code json} and {@code jsonb} embedded, timestamps
 * as RFC3339 strings ({@code timestamp} read as UTC), arrays as arrays, other types as
 * their PostgreSQL text. An {@code exec} of a statement that returns rows reports their
 * count as {@code rows-affected}, like PostgreSQL's command tag. Server errors read as
 * pgx prints them: {@code ERROR: relation "x" does not exist (SQLSTATE 42P01)}.
 */
final class PostgreSqlDialect implements JdbcDialect {

	/** How many rows a cursor fetches at a time. */
	static final int FETCH_SIZE = 500;

	PostgreSqlDialect() {
	}

	@Override
	public Rows rows() {
		return Rows.ARRAYS;
	}

	/**
	 * Read the rows of a query through a cursor, {@value #FETCH_SIZE} at a time: the
	 * driver does so only outside auto-commit, so a statement that starts with
	 * {@code SELECT}, {@code WITH}, {@code VALUES} or {@code TABLE} runs in a transaction
	 * of its own, committed once its rows are read (what auto-commit would have done),
	 * with {@code SET LOCAL statement_timeout} so that each fetch is bounded as the
	 * statement is. Any other statement (one that may not run in a transaction block,
	 * such as {@code VACUUM}) runs as before, and so does every statement with
	 * {@code queryExecMode=simple_protocol}, for which the driver uses no cursor.
	 */
	@Override
	public boolean fetchInChunks(Connection connection, PreparedStatement statement, String sql,
			@Nullable Duration timeout) throws SQLException {
		if (!returnsRowsOnly(sql) || !connection.getAutoCommit()
				|| connection.unwrap(PGConnection.class).getPreferQueryMode() == PreferQueryMode.SIMPLE) {
			return false;
		}
		connection.setAutoCommit(false);
		try {
			if (timeout != null) {
				try (Statement set = connection.createStatement()) {
					set.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
				}
			}
			statement.setFetchSize(FETCH_SIZE);
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			connection.setAutoCommit(true);
			throw ex;
		}
	}

	/**
	 * Whether a statement starts (after white space, comments and opening parentheses)
	 * with a keyword of a query that can run in a transaction block.
	 */
	static boolean returnsRowsOnly(String sql) {
		int i = 0;
		int length = sql.length();
		while (i < length) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c) || c == '(') {
				i++;
			}
			else if (sql.startsWith("--", i)) {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? length : end + 1;
			}
			else if (sql.startsWith("/*", i)) {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? length : end + 2;
			}
			else {
				break;
			}
		}
		int end = i;
		while (end < length && Character.isLetter(sql.charAt(end))) {
			end++;
		}
		String keyword = sql.substring(i, end).toLowerCase(Locale.ROOT);
		return keyword.equals("select") || keyword.equals("with") || keyword.equals("values")
				|| keyword.equals("table");
	}

	/**
	 * Translate PostgreSQL's {@code $n} placeholders, as pgx takes them. Like pgx, the
	 * number of {@code params} must equal the highest placeholder number.
	 */
	@Override
	public PreparedSql prepare(String sql, List<@Nullable Object> parameters) throws SQLException {
		PostgreSqlPlaceholders placeholders = PostgreSqlPlaceholders.translate(sql);
		if (placeholders.count() != parameters.size()) {
			throw new SQLException("expected " + placeholders.count() + " arguments, got " + parameters.size());
		}
		int[] numbers = placeholders.parameters();
		List<@Nullable Object> ordered = new ArrayList<>(numbers.length);
		for (int number : numbers) {
			ordered.add(parameters.get(number - 1));
		}
		return new PreparedSql(placeholders.sql(), ordered);
	}

	@Override
	public @Nullable Object readValue(ResultSet resultSet, int column, ResultSetMetaData metaData, JdbcValues values)
			throws SQLException {
		String typeName = metaData.getColumnTypeName(column);
		switch (typeName) {
			case "json", "jsonb" -> {
				return json(resultSet.getString(column));
			}
			case "timestamptz" -> {
				OffsetDateTime dateTime = resultSet.getObject(column, OffsetDateTime.class);
				return (dateTime != null) ? GoTime.rfc3339Nano(dateTime.toInstant()) : null;
			}
			case "timetz", "bit", "varbit" -> {
				return resultSet.getString(column);
			}
			default -> {
			}
		}
		int type = metaData.getColumnType(column);
		if (type == Types.OTHER) {
			return resultSet.getString(column);
		}
		if (type == Types.ARRAY) {
			Array array = resultSet.getArray(column);
			if (array == null) {
				return null;
			}
			try {
				return array(array.getBaseTypeName(), (Object[]) array.getArray(), values);
			}
			finally {
				array.free();
			}
		}
		return values.readValue(resultSet, column, metaData);
	}

	private static List<@Nullable Object> array(String baseTypeName, Object[] elements, JdbcValues values)
			throws SQLException {
		List<@Nullable Object> list = new ArrayList<>(elements.length);
		for (Object element : elements) {
			if (element instanceof Object[] nested) {
				list.add(array(baseTypeName, nested, values));
			}
			else if (element instanceof Timestamp timestamp && baseTypeName.equals("timestamptz")) {
				list.add(GoTime.rfc3339Nano(timestamp.toInstant()));
			}
			else if (element != null && (baseTypeName.equals("json") || baseTypeName.equals("jsonb"))) {
				list.add(json(element.toString()));
			}
			else {
				list.add(values.plain(element));
			}
		}
		return list;
	}

	private static @Nullable Object json(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return GoJson.mapper().readTree(text);
		}
		catch (JacksonException ex) {
			return text;
		}
	}

	@Override
	public boolean countsReturnedRows() {
		return true;
	}

	@Override
	public @Nullable String describe(SQLException ex) {
		if (ex instanceof PSQLException psql) {
			ServerErrorMessage message = psql.getServerErrorMessage();
			if (message != null && message.getMessage() != null) {
				return message.getSeverity() + ": " + message.getMessage() + " (SQLSTATE " + message.getSQLState()
						+ ")";
			}
		}
		return null;
	}

}
