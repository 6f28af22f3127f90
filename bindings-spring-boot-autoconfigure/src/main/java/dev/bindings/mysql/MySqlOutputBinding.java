package dev.bindings.mysql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.jdbc.JdbcValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * A {@code bindings.mysql} component. Statements use JDBC's {@code ?} placeholders, as
 * with Dapr's Go driver. {@code query} returns a JSON array of objects keyed by column
 * label, in sorted key order as Go writes maps, with {@code NULL} columns left out, and
 * {@code null} when there are no rows: numbers (including {@code DECIMAL}) as numbers,
 * character columns as strings, binary columns as base64, {@code DATETIME},
 * {@code TIMESTAMP} and {@code DATE} as RFC3339 strings in the {@code loc} zone (UTC by
 * default), {@code TIME} as {@code 15:04:05}. Server errors read as the Go driver prints
 * them: {@code Error 1146 (42S02): Table 'test.x' doesn't exist}.
 */
public class MySqlOutputBinding extends JdbcOutputBinding {

	private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

	private static final Pattern CONNECTION_PREFIX = Pattern.compile("^\\(conn=\\d+\\) ");

	private final MySqlBindingMetadata metadata;

	/**
	 * Create a binding.
	 * @param name the component name
	 * @param metadata the component metadata
	 * @param dataSource the pool, closed with the binding
	 */
	public MySqlOutputBinding(String name, MySqlBindingMetadata metadata, HikariDataSource dataSource) {
		super(name, dataSource, null, metadata.secrets(), metadata.zone());
		this.metadata = metadata;
	}

	@Override
	protected byte[] toJson(@Nullable ResultSet resultSet) throws SQLException {
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
		try (JsonGenerator generator = JdbcValues.generator(buffer)) {
			generator.writeStartArray();
			while (resultSet.next()) {
				rows = true;
				generator.writeStartObject();
				for (Map.Entry<String, Integer> column : columns.entrySet()) {
					Object value = readValue(resultSet, column.getValue(), metaData);
					if (value != null) {
						generator.writeName(column.getKey());
						JdbcValues.write(generator, value);
					}
				}
				generator.writeEndObject();
			}
			generator.writeEndArray();
		}
		return rows ? buffer.toByteArray() : NULL;
	}

	@Override
	protected String describe(SQLException ex) {
		if (ex.getErrorCode() > 0 && ex.getSQLState() != null && ex.getMessage() != null) {
			return secrets().redact("Error " + ex.getErrorCode() + " (" + ex.getSQLState() + "): "
					+ CONNECTION_PREFIX.matcher(ex.getMessage()).replaceFirst(""));
		}
		return super.describe(ex);
	}

	/**
	 * The component metadata.
	 * @return the metadata
	 */
	public MySqlBindingMetadata getMetadata() {
		return this.metadata;
	}

}
