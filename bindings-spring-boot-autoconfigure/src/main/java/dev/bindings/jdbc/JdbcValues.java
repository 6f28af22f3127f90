package dev.bindings.jdbc;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.bindings.InvocationFailedException;
import dev.bindings.support.ResponseSizeLimit;
import dev.bindings.support.golang.GoJson;
import dev.bindings.support.golang.GoTime;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The result-set-to-JSON writer of the SQL bindings: a {@code query}'s rows in the shape
 * of the {@link JdbcDialect}, at most {@code bindings.limits.max-response-size} bytes of
 * them, and each column value as Dapr's components answer with it: dates and times as
 * Go's RFC 3339 text in the component's zone, numbers digit for digit, binary as base64,
 * arrays as lists, strings escaped as Go does.
 */
public final class JdbcValues {

	private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

	private final ZoneId zone;

	private final long maxResponseSize;

	/**
	 * Create a writer.
	 * @param zone the zone in which date and time columns without a zone are read
	 * @param maxResponseSize the largest result in bytes
	 * ({@code bindings.limits.max-response-size})
	 */
	public JdbcValues(ZoneId zone, long maxResponseSize) {
		this.zone = zone;
		this.maxResponseSize = maxResponseSize;
	}

	/**
	 * Write the rows of a {@code query} as JSON, in the dialect's shape, up to the limit.
	 * @param resultSet the rows, or {@code null} when the statement returned none
	 * @param dialect the dialect, for the shape and its own column types
	 * @param deadline the {@link System#nanoTime()} by which the rows must have been
	 * read, or {@code 0} for none
	 * @return the JSON bytes
	 * @throws SQLException on a driver error, or when the deadline has passed
	 * ({@code canceling statement due to statement timeout})
	 * @throws InvocationFailedException as soon as the JSON would be larger than the
	 * limit; no more rows are read
	 */
	byte[] toJson(@Nullable ResultSet resultSet, JdbcDialect dialect, long deadline) throws SQLException {
		byte[] json = switch (dialect.rows()) {
			case OBJECTS -> objects(resultSet, dialect, deadline);
			case ARRAYS -> arrays(resultSet, dialect, deadline);
		};
		if (json.length > this.maxResponseSize) {
			throw tooLarge();
		}
		return json;
	}

	/**
	 * Fail when a deadline has passed.
	 * @param deadline the {@link System#nanoTime()} of the deadline, or {@code 0} for
	 * none
	 * @throws SQLTimeoutException when it has passed
	 */
	static void checkDeadline(long deadline) throws SQLTimeoutException {
		if (deadline != 0 && System.nanoTime() - deadline > 0) {
			throw new SQLTimeoutException("canceling statement due to statement timeout", "57014");
		}
	}

	private void checkSize(ByteArrayOutputStream buffer, JsonGenerator generator) {
		if ((long) buffer.size() + generator.streamWriteOutputBuffered() > this.maxResponseSize) {
			throw tooLarge();
		}
	}

	private InvocationFailedException tooLarge() {
		return new InvocationFailedException("error executing query: the result is "
				+ ResponseSizeLimit.largerThan(this.maxResponseSize) + "; select fewer rows or raise the limit");
	}

	private byte[] objects(@Nullable ResultSet resultSet, JdbcDialect dialect, long deadline) throws SQLException {
		if (resultSet == null) {
			return NULL;
		}
		ResultSetMetaData metaData = resultSet.getMetaData();
		// Go's map: keys sorted, a later column with the same label wins
		Map<String, Integer> columns = new TreeMap<>();
		for (int column = 1; column <= metaData.getColumnCount(); column++) {
			columns.put(metaData.getColumnLabel(column), column);
		}
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		boolean rows = false;
		try (JsonGenerator generator = GoJson.mapper().createGenerator(buffer)) {
			generator.writeStartArray();
			while (resultSet.next()) {
				checkDeadline(deadline);
				rows = true;
				generator.writeStartObject();
				for (Map.Entry<String, Integer> column : columns.entrySet()) {
					Object value = dialect.readValue(resultSet, column.getValue(), metaData, this);
					if (value != null) {
						generator.writeName(column.getKey());
						write(generator, value);
						checkSize(buffer, generator);
					}
				}
				generator.writeEndObject();
				checkSize(buffer, generator);
			}
			generator.writeEndArray();
		}
		return rows ? buffer.toByteArray() : NULL;
	}

	private byte[] arrays(@Nullable ResultSet resultSet, JdbcDialect dialect, long deadline) throws SQLException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (JsonGenerator generator = GoJson.mapper().createGenerator(buffer)) {
			generator.writeStartArray();
			if (resultSet != null) {
				ResultSetMetaData metaData = resultSet.getMetaData();
				int columns = metaData.getColumnCount();
				while (resultSet.next()) {
					checkDeadline(deadline);
					generator.writeStartArray();
					for (int column = 1; column <= columns; column++) {
						write(generator, dialect.readValue(resultSet, column, metaData, this));
						checkSize(buffer, generator);
					}
					generator.writeEndArray();
					checkSize(buffer, generator);
				}
			}
			generator.writeEndArray();
		}
		return buffer.toByteArray();
	}

	/**
	 * Read a column as a JSON-ready value: {@code null}, {@link Boolean}, {@link Number},
	 * {@link String}, {@code byte[]} (written as base64), {@link List} or
	 * {@link JsonNode}. Dates and times become Go RFC3339Nano strings, times of day
	 * {@code 15:04:05}.
	 * @param resultSet the rows, positioned on a row
	 * @param column the column, from 1
	 * @param metaData the result set's metadata
	 * @return the value
	 * @throws SQLException on a driver error
	 */
	public @Nullable Object readValue(ResultSet resultSet, int column, ResultSetMetaData metaData) throws SQLException {
		switch (metaData.getColumnType(column)) {
			case Types.BIT, Types.BOOLEAN -> {
				boolean value = resultSet.getBoolean(column);
				return resultSet.wasNull() ? null : value;
			}
			case Types.REAL -> {
				float value = resultSet.getFloat(column);
				return resultSet.wasNull() ? null : value;
			}
			case Types.FLOAT, Types.DOUBLE -> {
				double value = resultSet.getDouble(column);
				return resultSet.wasNull() ? null : value;
			}
			case Types.NUMERIC, Types.DECIMAL -> {
				return decimal(resultSet.getString(column));
			}
			case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
					Types.CLOB, Types.NCLOB, Types.SQLXML -> {
				return resultSet.getString(column);
			}
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
				return resultSet.getBytes(column);
			}
			case Types.DATE -> {
				LocalDate date = resultSet.getObject(column, LocalDate.class);
				return (date != null) ? GoTime.rfc3339Nano(date.atStartOfDay(this.zone).toOffsetDateTime()) : null;
			}
			case Types.TIME -> {
				LocalTime time = resultSet.getObject(column, LocalTime.class);
				return (time != null) ? GoTime.timeOfDay(time) : null;
			}
			case Types.TIMESTAMP -> {
				LocalDateTime dateTime = resultSet.getObject(column, LocalDateTime.class);
				return (dateTime != null) ? GoTime.rfc3339Nano(dateTime.atZone(this.zone).toOffsetDateTime()) : null;
			}
			case Types.TIMESTAMP_WITH_TIMEZONE -> {
				OffsetDateTime dateTime = resultSet.getObject(column, OffsetDateTime.class);
				return (dateTime != null) ? GoTime.rfc3339Nano(dateTime.toInstant()) : null;
			}
			case Types.ARRAY -> {
				Array array = resultSet.getArray(column);
				if (array == null) {
					return null;
				}
				try {
					return list(array.getArray());
				}
				finally {
					array.free();
				}
			}
			default -> {
				return plain(resultSet.getObject(column));
			}
		}
	}

	/**
	 * Convert an object a driver returned (an array element, for example) to a JSON-ready
	 * value.
	 * @param value the object
	 * @return the value
	 * @throws SQLException on a driver error
	 */
	public @Nullable Object plain(@Nullable Object value) throws SQLException {
		if (value == null || value instanceof Boolean || value instanceof String || value instanceof byte[]) {
			return value;
		}
		if (value instanceof Number number) {
			return number;
		}
		if (value instanceof Timestamp timestamp) {
			return GoTime.rfc3339Nano(timestamp.toLocalDateTime().atZone(this.zone).toOffsetDateTime());
		}
		if (value instanceof java.sql.Date date) {
			return GoTime.rfc3339Nano(date.toLocalDate().atStartOfDay(this.zone).toOffsetDateTime());
		}
		if (value instanceof java.sql.Time time) {
			return GoTime.timeOfDay(time.toLocalTime());
		}
		if (value instanceof LocalDateTime dateTime) {
			return GoTime.rfc3339Nano(dateTime.atZone(this.zone).toOffsetDateTime());
		}
		if (value instanceof OffsetDateTime dateTime) {
			return GoTime.rfc3339Nano(dateTime.toInstant());
		}
		if (value instanceof LocalDate date) {
			return GoTime.rfc3339Nano(date.atStartOfDay(this.zone).toOffsetDateTime());
		}
		if (value instanceof LocalTime time) {
			return GoTime.timeOfDay(time);
		}
		if (value instanceof Array array) {
			try {
				return list(array.getArray());
			}
			finally {
				array.free();
			}
		}
		if (value instanceof java.sql.Blob blob) {
			return blob.getBytes(1, (int) blob.length());
		}
		if (value instanceof java.sql.Clob clob) {
			return clob.getSubString(1, (int) clob.length());
		}
		if (value instanceof Object[] || value.getClass().isArray()) {
			return list(value);
		}
		return value.toString();
	}

	private List<@Nullable Object> list(Object array) throws SQLException {
		int length = java.lang.reflect.Array.getLength(array);
		List<@Nullable Object> values = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			values.add(plain(java.lang.reflect.Array.get(array, i)));
		}
		return values;
	}

	private static @Nullable Object decimal(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			// NaN, Infinity
			return text;
		}
	}

	/**
	 * Write a value returned by {@link #readValue} as JSON.
	 * @param generator the generator
	 * @param value the value
	 */
	private static void write(JsonGenerator generator, @Nullable Object value) {
		if (value == null) {
			generator.writeNull();
		}
		else if (value instanceof Boolean bool) {
			generator.writeBoolean(bool);
		}
		else if (value instanceof BigDecimal decimal) {
			generator.writeNumber(decimal.toPlainString());
		}
		else if (value instanceof BigInteger integer) {
			generator.writeNumber(integer);
		}
		else if (value instanceof Float number) {
			if (Float.isFinite(number)) {
				generator.writeNumber(GoJson.number(number));
			}
			else {
				generator.writeString(Float.toString(number));
			}
		}
		else if (value instanceof Double number) {
			if (Double.isFinite(number)) {
				generator.writeNumber(GoJson.number(number));
			}
			else {
				generator.writeString(Double.toString(number));
			}
		}
		else if (value instanceof Number number) {
			generator.writeNumber(number.longValue());
		}
		else if (value instanceof byte[] bytes) {
			generator.writeBinary(bytes);
		}
		else if (value instanceof JsonNode node) {
			generator.writeTree(node);
		}
		else if (value instanceof List<?> list) {
			generator.writeStartArray();
			for (Object element : list) {
				write(generator, element);
			}
			generator.writeEndArray();
		}
		else {
			generator.writeString(value.toString());
		}
	}

}
