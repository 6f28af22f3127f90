package dev.bindings.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.bindings.test.Bindings.component;
import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the SQL binding types share, tested against each type's local server: Dapr's
 * operations, parameters, response metadata, messages and {@code close}. A type's test
 * class adds what it does its own way.
 */
public abstract class AbstractJdbcOutputBindingTests {

	private static final String RFC3339_NANO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

	private static final String GO_DURATION = "(\\d+(\\.\\d+)?(ns|µs|ms|s))|(\\d+m\\d+(\\.\\d+)?s)";

	private final List<OutputBinding> bindings = new ArrayList<>();

	/** A table name no other test uses; dropped after each test. */
	protected final String table;

	/** The binding created from {@link #metadata()} before each test. */
	protected OutputBinding binding;

	/**
	 * Create the tests.
	 * @param tablePrefix the start of the test's table name
	 */
	protected AbstractJdbcOutputBindingTests(String tablePrefix) {
		this.table = tablePrefix + UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * The factory of the type.
	 * @return the factory
	 */
	protected abstract OutputBindingFactory factory();

	/**
	 * A factory of the type with a limit on the size of {@code query} results.
	 * @param maxResponseSize the limit in bytes
	 * @return the factory
	 */
	protected abstract OutputBindingFactory factory(long maxResponseSize);

	/**
	 * The metadata key of the type's pool size.
	 * @return the key
	 */
	protected abstract String poolSizeKey();

	/**
	 * A query of one column labelled {@code n} whose rows are the numbers from 1 to
	 * {@code count}, in order.
	 * @param count the number of rows
	 * @return the query
	 */
	protected abstract String series(int count);

	/**
	 * The component metadata of the binding most tests use.
	 * @return the metadata
	 */
	protected abstract Map<String, String> metadata();

	/**
	 * Component metadata that gives the connection as a JDBC URL.
	 * @return the metadata
	 */
	protected abstract Map<String, String> jdbcUrlMetadata();

	/**
	 * A connection to the test database, for setting up and checking tables.
	 * @return the connection
	 * @throws SQLException on a driver error
	 */
	protected abstract Connection connect() throws SQLException;

	/**
	 * The type's placeholder of a parameter.
	 * @param number the parameter's number, from 1
	 * @return the placeholder, {@code ?} or {@code $1}
	 */
	protected abstract String placeholder(int number);

	/**
	 * The {@code query} result of rows with one column, in the type's shape.
	 * @param column the column label
	 * @param values the JSON value of the column in each row
	 * @return the JSON
	 */
	protected abstract String rows(String column, String... values);

	@BeforeEach
	void createBinding() {
		this.binding = create(metadata());
	}

	@AfterEach
	void cleanUp() throws Exception {
		for (OutputBinding created : this.bindings) {
			((AutoCloseable) created).close();
		}
		execute("DROP TABLE IF EXISTS " + this.table);
	}

	@Test
	void operationsAreDaprsInDaprsOrder() {
		assertThat(this.binding.operations()).containsExactly("exec", "query", "close");
	}

	@Test
	void execRunsTheStatementAndReportsRowsAffected() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id INT PRIMARY KEY, name VARCHAR(20))");
		BindingResponse response = invoke(this.binding, "exec", null,
				Map.of("sql",
						"INSERT INTO " + this.table + " (id, name) VALUES (" + placeholder(1) + ", " + placeholder(2)
								+ "), (" + placeholder(3) + ", " + placeholder(4) + ")",
						"params", "[1, \"one\", 2, \"two\"]"));
		assertThat(response.hasContent()).isTrue();
		assertThat(response.data()).isEmpty();
		assertThat(response.metadata()).containsEntry("rows-affected", "2").containsEntry("operation", "exec");
		assertThat(select("SELECT id, name FROM " + this.table + " ORDER BY id")).containsExactly("1|one", "2|two");
	}

	@Test
	void responseMetadataHasDaprKeysInGoFormats() {
		String sql = "SELECT 1";
		Map<String, String> metadata = invoke(this.binding, "query", null, Map.of("sql", sql)).metadata();
		assertThat(metadata).containsOnlyKeys("operation", "sql", "start-time", "end-time", "duration");
		assertThat(metadata).containsEntry("operation", "query").containsEntry("sql", sql);
		assertThat(metadata.get("start-time")).matches(RFC3339_NANO);
		assertThat(metadata.get("end-time")).matches(RFC3339_NANO);
		assertThat(metadata.get("duration")).matches(GO_DURATION);
		assertThat(Instant.parse(metadata.get("end-time"))).isAfterOrEqualTo(Instant.parse(metadata.get("start-time")));
	}

	@Test
	void queryBindsParams() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id INT, name VARCHAR(20))");
		execute("INSERT INTO " + this.table + " VALUES (1, 'one'), (2, 'two')");
		BindingResponse response = invoke(this.binding, "query", null,
				Map.of("sql", "SELECT name FROM " + this.table + " WHERE id = " + placeholder(1), "params", "[2]"));
		assertThat(response.dataAsString()).isEqualTo(rows("name", "\"two\""));
	}

	@Test
	void injectionAttemptThroughParamsIsStoredAsData() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id INT, name VARCHAR(200))");
		String attack = "x'); DROP TABLE " + this.table + "; --";
		invoke(this.binding, "exec", null,
				Map.of("sql", "INSERT INTO " + this.table + " VALUES (" + placeholder(1) + ", " + placeholder(2) + ")",
						"params", "[1, \"" + attack + "\"]"));
		assertThat(select("SELECT id, name FROM " + this.table)).containsExactly("1|" + attack);
	}

	@Test
	void missingSqlFailsWithDaprMessage() {
		assertThat(failure(this.binding, "exec", null, Map.of())).hasMessage("required metadata not set: sql");
		assertThat(failure(this.binding, "query", null, Map.of())).hasMessage("required metadata not set: sql");
	}

	@Test
	void paramsThatAreNotAnArrayFailWithDaprMessage() {
		assertThat(failure(this.binding, "query", null, Map.of("sql", "SELECT 1", "params", "\"x\"")))
			.hasMessage("invalid metadata property params: failed to unserialize into an array: "
					+ "json: cannot unmarshal string into Go value of type []interface {}");
		assertThat(failure(this.binding, "exec", null, Map.of("sql", "SELECT 1", "params", "{\"a\":1}")))
			.hasMessage("invalid metadata property params: failed to unserialize into an array: "
					+ "json: cannot unmarshal object into Go value of type []interface {}");
	}

	@Test
	void paramsThatAreNotJsonFailWithDaprMessage() {
		assertThat(failure(this.binding, "exec", null, Map.of("sql", "SELECT 1", "params", "[1,")))
			.hasMessageStartingWith("invalid metadata property params: failed to unserialize into an array: ");
	}

	@Test
	void closeClosesThePoolAndReturnsNothing() {
		BindingResponse response = invoke(this.binding, "close", null, Map.of());
		assertThat(response.hasContent()).isFalse();
		assertThat(((JdbcOutputBinding) this.binding).getDataSource().isClosed()).isTrue();
	}

	@Test
	void statementAfterCloseFailsClearly() {
		invoke(this.binding, "close", null, Map.of());
		assertThat(failure(this.binding, "exec", null, Map.of("sql", "SELECT 1"))).hasMessage("component is closed");
		assertThat(failure(this.binding, "query", null, Map.of("sql", "SELECT 1"))).hasMessage("component is closed");
	}

	@Test
	void closeTwiceSucceeds() {
		invoke(this.binding, "close", null, Map.of());
		assertThat(invoke(this.binding, "close", null, Map.of()).hasContent()).isFalse();
	}

	@Test
	void jdbcUrlIsAccepted() {
		OutputBinding binding = create(jdbcUrlMetadata());
		assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT 1 AS one")).dataAsString())
			.isEqualTo(rows("one", "1"));
	}

	@Test
	void queryOfMoreRowsThanTheDriverFetchesAtATimeReturnsThemAll() {
		String[] numbers = new String[2500];
		for (int i = 0; i < numbers.length; i++) {
			numbers[i] = Integer.toString(i + 1);
		}
		assertThat(invoke(this.binding, "query", null, Map.of("sql", series(2500))).dataAsString())
			.isEqualTo(rows("n", numbers));
	}

	@Test
	void queryResultUpToTheLimitIsReturnedAndOneByteMoreFailsNamingTheProperty() {
		String expected = rows("n", "1", "2", "3");
		OutputBinding exact = create(factory(expected.length()), metadata());
		assertThat(invoke(exact, "query", null, Map.of("sql", series(3))).dataAsString()).isEqualTo(expected);
		OutputBinding smaller = create(factory(expected.length() - 1), metadata());
		assertThat(failure(smaller, "query", null, Map.of("sql", series(3))))
			.hasMessage("error executing query: the result is larger than " + (expected.length() - 1)
					+ " bytes, the limit set by bindings.limits.max-response-size; select fewer rows or raise the limit");
	}

	@Test
	void factoryRefusesALimitThatIsNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> factory(0))
			.withMessage("bindings.limits.max-response-size must be positive");
	}

	@Test
	void queryResultLargerThanTheLimitFailsAndTheConnectionServesTheNextStatement() throws SQLException {
		Map<String, String> metadata = new HashMap<>(metadata());
		metadata.put(poolSizeKey(), "1");
		OutputBinding binding = create(factory(1024), metadata);
		assertThat(failure(binding, "query", null, Map.of("sql", series(200_000))))
			.hasMessageContaining("the limit set by bindings.limits.max-response-size");
		execute("CREATE TABLE " + this.table + " (id INT)");
		invoke(binding, "exec", null, Map.of("sql", "INSERT INTO " + this.table + " VALUES (7)"));
		assertThat(select("SELECT id FROM " + this.table)).containsExactly("7");
		assertThat(invoke(binding, "query", null, Map.of("sql", series(2))).dataAsString())
			.isEqualTo(rows("n", "1", "2"));
	}

	/**
	 * Create a binding of the type, closed after the test.
	 * @param metadata the component metadata
	 * @return the binding
	 */
	protected OutputBinding create(Map<String, String> metadata) {
		return create(factory(), metadata);
	}

	/**
	 * Create a binding with a factory, closed after the test.
	 * @param factory the factory
	 * @param metadata the component metadata
	 * @return the binding
	 */
	protected OutputBinding create(OutputBindingFactory factory, Map<String, String> metadata) {
		OutputBinding binding;
		try {
			binding = factory.create(component("sql", factory.type(), new HashMap<>(metadata)));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		this.bindings.add(binding);
		return binding;
	}

	/**
	 * Run a statement on the test database.
	 * @param sql the statement
	 * @throws SQLException on a driver error
	 */
	protected void execute(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Run a query on the test database.
	 * @param sql the query
	 * @return each row as its column values joined with {@code |}
	 * @throws SQLException on a driver error
	 */
	protected List<String> select(String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet resultSet = statement.executeQuery(sql)) {
			int columns = resultSet.getMetaData().getColumnCount();
			while (resultSet.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append((i > 1) ? "|" : "").append(resultSet.getString(i));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

}
