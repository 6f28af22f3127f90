package dev.bindings.postgresql;

import java.io.ByteArrayOutputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.jdbc.JdbcValues;
import dev.bindings.support.golang.GoJson;
import dev.bindings.support.golang.GoTime;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * A {@code bindings.postgresql} component. {@code query} returns a JSON array of row
 * arrays (values by position, {@code []} when there are no rows), as Dapr's pgx-based
 * component does: numbers as numbers, {@code bytea} as base64, {@code json} and
 * {@code jsonb} embedded, timestamps as RFC3339 strings ({@code timestamp} read as UTC),
 * arrays as arrays, other types as their PostgreSQL text. An {@code exec} of a statement
 * that returns rows reports their count as {@code rows-affected}, like PostgreSQL's
 * command tag. Server errors read as pgx prints them:
 * {@code ERROR: relation "x" does not exist (SQLSTATE 42P01)}.
 */
public class PostgreSqlOutputBinding extends JdbcOutputBinding {

	private final PostgreSqlBindingMetadata metadata;

	/**
	 * Create a binding.
	 * @param name the component name
	 * @param metadata the component metadata
	 * @param dataSource the pool, closed with the binding
	 */
	public PostgreSqlOutputBinding(String name, PostgreSqlBindingMetadata metadata, HikariDataSource dataSource) {
		super(name, dataSource, metadata.timeout(), metadata.secrets(), ZoneOffset.UTC);
		this.metadata = metadata;
	}

	/**
	 * Prepare a statement written with PostgreSQL's {@code $n} placeholders, as pgx takes
	 * it. Like pgx, the number of {@code params} must equal the highest placeholder
	 * number.
	 */
	@Override
	protected PreparedStatement prepare(Connection connection, String sql, List<@Nullable Object> parameters)
			throws SQLException {
		PostgreSqlPlaceholders placeholders = PostgreSqlPlaceholders.translate(sql);
		if (placeholders.count() != parameters.size()) {
			throw new SQLException("expected " + placeholders.count() + " arguments, got " + parameters.size());
		}
		PreparedStatement statement = connection.prepareStatement(placeholders.sql());
		try {
			int[] numbers = placeholders.parameters();
			for (int i = 0; i < numbers.length; i++) {
				bind(statement, i + 1, parameters.get(numbers[i] - 1));
			}
			return statement;
		}
		catch (SQLException | RuntimeException ex) {
			statement.close();
			throw ex;
		}
	}

	@Override
	protected byte[] toJson(@Nullable ResultSet resultSet) throws SQLException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (JsonGenerator generator = JdbcValues.generator(buffer)) {
			generator.writeStartArray();
			if (resultSet != null) {
				ResultSetMetaData metaData = resultSet.getMetaData();
				int columns = metaData.getColumnCount();
				while (resultSet.next()) {
					generator.writeStartArray();
					for (int column = 1; column <= columns; column++) {
						JdbcValues.write(generator, readValue(resultSet, column, metaData));
					}
					generator.writeEndArray();
				}
			}
			generator.writeEndArray();
		}
		return buffer.toByteArray();
	}

	@Override
	protected @Nullable Object readValue(ResultSet resultSet, int column, ResultSetMetaData metaData)
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
				return array(array.getBaseTypeName(), (Object[]) array.getArray());
			}
			finally {
				array.free();
			}
		}
		return super.readValue(resultSet, column, metaData);
	}

	private List<@Nullable Object> array(String baseTypeName, Object[] elements) throws SQLException {
		List<@Nullable Object> values = new ArrayList<>(elements.length);
		for (Object element : elements) {
			if (element instanceof Object[] nested) {
				values.add(array(baseTypeName, nested));
			}
			else if (element instanceof Timestamp timestamp && baseTypeName.equals("timestamptz")) {
				values.add(GoTime.rfc3339Nano(timestamp.toInstant()));
			}
			else if (element != null && (baseTypeName.equals("json") || baseTypeName.equals("jsonb"))) {
				values.add(json(element.toString()));
			}
			else {
				values.add(values().plain(element));
			}
		}
		return values;
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
	protected long rowsAffectedByQuery(ResultSet resultSet) throws SQLException {
		long rows = 0;
		while (resultSet.next()) {
			rows++;
		}
		return rows;
	}

	@Override
	protected String describe(SQLException ex) {
		if (ex instanceof PSQLException psql) {
			ServerErrorMessage message = psql.getServerErrorMessage();
			if (message != null && message.getMessage() != null) {
				return secrets().redact(message.getSeverity() + ": " + message.getMessage() + " (SQLSTATE "
						+ message.getSQLState() + ")");
			}
		}
		return super.describe(ex);
	}

	/**
	 * The component metadata.
	 * @return the metadata
	 */
	public PostgreSqlBindingMetadata getMetadata() {
		return this.metadata;
	}

}
