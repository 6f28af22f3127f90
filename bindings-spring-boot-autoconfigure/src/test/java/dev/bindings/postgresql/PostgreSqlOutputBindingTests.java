package dev.bindings.postgresql;

import java.sql.Connection;
import java.sql.DriverManager;
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
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.bindings.test.Bindings.component;
import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@code bindings.postgresql} binding against the local PostgreSQL server.
 */
class PostgreSqlOutputBindingTests {

	private static final String CONNECTION_STRING = "host=127.0.0.1 port=5432 user=postgres dbname=test sslmode=disable";

	private static final String RFC3339_NANO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

	private static final String GO_DURATION = "(\\d+(\\.\\d+)?(ns|µs|ms|s))|(\\d+m\\d+(\\.\\d+)?s)";

	private final PostgreSqlOutputBindingFactory factory = new PostgreSqlOutputBindingFactory();

	private final List<OutputBinding> bindings = new ArrayList<>();

	private final String table = "bindings_pg_" + UUID.randomUUID().toString().replace("-", "");

	private OutputBinding binding;

	@BeforeAll
	static void requireServer() {
		LocalServers.require("PostgreSQL", "127.0.0.1", 5432);
	}

	@BeforeEach
	void createBinding() {
		this.binding = create(Map.of("connectionString", CONNECTION_STRING));
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
		execute("CREATE TABLE " + this.table + " (id int PRIMARY KEY, name text)");
		BindingResponse response = invoke(this.binding, "exec", null,
				Map.of("sql", "INSERT INTO " + this.table + " (id, name) VALUES ($1, $2), ($3, $4)", "params",
						"[1, \"one\", 2, \"two\"]"));
		assertThat(response.hasContent()).isTrue();
		assertThat(response.data()).isEmpty();
		assertThat(response.metadata()).containsEntry("rows-affected", "2").containsEntry("operation", "exec");
		assertThat(select("SELECT id, name FROM " + this.table + " ORDER BY id")).containsExactly("1|one", "2|two");
	}

	@Test
	void responseMetadataHasDaprKeysInGoFormats() {
		String sql = "SELECT 1";
		BindingResponse response = invoke(this.binding, "query", null, Map.of("sql", sql));
		Map<String, String> metadata = response.metadata();
		assertThat(metadata).containsOnlyKeys("operation", "sql", "start-time", "end-time", "duration");
		assertThat(metadata).containsEntry("operation", "query").containsEntry("sql", sql);
		assertThat(metadata.get("start-time")).matches(RFC3339_NANO);
		assertThat(metadata.get("end-time")).matches(RFC3339_NANO);
		assertThat(metadata.get("duration")).matches(GO_DURATION);
		assertThat(Instant.parse(metadata.get("end-time"))).isAfterOrEqualTo(Instant.parse(metadata.get("start-time")));
	}

	@Test
	void queryReturnsRowsAsPositionalArraysWithTypedValues() throws SQLException {
		execute("CREATE TABLE " + this.table + " (i int, b bigint, n numeric(6,2), f float8, r real, ok boolean, "
				+ "t text, raw bytea, ts timestamp, tz timestamptz, d date, doc jsonb, u uuid, a int[], missing text)");
		execute("INSERT INTO " + this.table + " VALUES (7, 9007199254740993, 12.50, 1.5, 0.25, true, '<a&b>', "
				+ "'\\x0102ff', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05+02', '2024-01-02', "
				+ "'{\"b\": 1, \"a\": [true]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{1,2}', NULL)");
		BindingResponse response = invoke(this.binding, "query", null, Map.of("sql", "SELECT * FROM " + this.table));
		assertThat(response.dataAsString()).isEqualTo("[[7,9007199254740993,12.50,1.5,0.25,true,"
				+ "\"\\u003ca\\u0026b\\u003e\",\"AQL/\",\"2024-01-02T03:04:05.123456Z\",\"2024-01-02T01:04:05Z\","
				+ "\"2024-01-02T00:00:00Z\",{\"a\":[true],\"b\":1},\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",[1,2],null]]");
	}

	@Test
	void queryWithoutRowsReturnsAnEmptyArray() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id int)");
		BindingResponse response = invoke(this.binding, "query", null, Map.of("sql", "SELECT * FROM " + this.table));
		assertThat(response.dataAsString()).isEqualTo("[]");
	}

	@Test
	void queryBindsParams() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id int, name text)");
		execute("INSERT INTO " + this.table + " VALUES (1, 'one'), (2, 'two')");
		BindingResponse response = invoke(this.binding, "query", null,
				Map.of("sql", "SELECT name FROM " + this.table + " WHERE id = $1", "params", "[2]"));
		assertThat(response.dataAsString()).isEqualTo("[[\"two\"]]");
	}

	@Test
	void injectionAttemptThroughParamsIsStoredAsData() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id int, name text)");
		String attack = "x'); DROP TABLE " + this.table + "; --";
		invoke(this.binding, "exec", null,
				Map.of("sql", "INSERT INTO " + this.table + " VALUES ($1, $2)", "params", "[1, \"" + attack + "\"]"));
		assertThat(select("SELECT id, name FROM " + this.table)).containsExactly("1|" + attack);
	}

	@Test
	void stringParamIsTypedByTheServer() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id int, at timestamptz)");
		invoke(this.binding, "exec", null, Map.of("sql", "INSERT INTO " + this.table + " VALUES ($1, $2)", "params",
				"[\"5\", \"2024-01-02T03:04:05Z\"]"));
		assertThat(select("SELECT id, extract(epoch FROM at)::bigint FROM " + this.table))
			.containsExactly("5|1704164645");
	}

	@Test
	void nullParamIsSqlNull() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id int, name text)");
		invoke(this.binding, "exec", null,
				Map.of("sql", "INSERT INTO " + this.table + " VALUES ($1, $2)", "params", "[1, null]"));
		assertThat(select("SELECT id, name IS NULL FROM " + this.table)).containsExactly("1|t");
	}

	@Test
	void missingSqlFailsWithDaprMessage() {
		assertThat(failure(this.binding, "query", null, Map.of())).hasMessage("required metadata not set: sql");
	}

	@Test
	void paramsThatAreNotAnArrayFailWithDaprMessage() {
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
	void serverErrorIsReportedAsPgxPrintsIt() {
		assertThat(failure(this.binding, "query", null, Map.of("sql", "SELECT * FROM " + this.table))).hasMessage(
				"error executing query: ERROR: relation \"" + this.table + "\" does not exist (SQLSTATE 42P01)");
	}

	@Test
	void statementLongerThanTheTimeoutIsCancelled() {
		OutputBinding binding = create(Map.of("connectionString", CONNECTION_STRING, "timeout", "1s"));
		assertThat(failure(binding, "exec", null, Map.of("sql", "SELECT pg_sleep(5)")))
			.hasMessageStartingWith("error executing query: ERROR: canceling statement")
			.hasMessageEndingWith("(SQLSTATE 57014)");
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
		assertThat(failure(this.binding, "query", null, Map.of("sql", "SELECT 1"))).hasMessage("component is closed");
	}

	@Test
	void closeTwiceSucceeds() {
		invoke(this.binding, "close", null, Map.of());
		assertThat(invoke(this.binding, "close", null, Map.of()).hasContent()).isFalse();
	}

	@Test
	void execOfAQueryReportsTheRowCount() {
		BindingResponse response = invoke(this.binding, "exec", null,
				Map.of("sql", "SELECT * FROM generate_series(1, 3)"));
		assertThat(response.metadata()).containsEntry("rows-affected", "3");
	}

	@Test
	void urlConnectionStringIsAccepted() {
		OutputBinding binding = create(
				Map.of("url", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable&application_name=bindings"));
		assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT current_setting('application_name')"))
			.dataAsString()).isEqualTo("[[\"bindings\"]]");
	}

	@Test
	void jdbcUrlIsAccepted() {
		OutputBinding binding = create(
				Map.of("connectionString", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&sslmode=disable"));
		assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT 1")).dataAsString()).isEqualTo("[[1]]");
	}

	@Test
	void missingConnectionStringFailsWithDaprMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("timeout", "5s")))
			.withMessage("missing connection string");
	}

	@Test
	void invalidQueryExecModeFailsWithDaprMessage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("connectionString", CONNECTION_STRING, "queryExecMode", "fast")))
			.withMessage("invalid queryExecMode metadata value: fast");
	}

	@Test
	void simpleProtocolModeRunsStatements() {
		OutputBinding binding = create(
				Map.of("connectionString", CONNECTION_STRING, "queryExecMode", "simple_protocol"));
		assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT $1::int + 1", "params", "[41]")).dataAsString())
			.isEqualTo("[[42]]");
	}

	@Test
	void passwordIsAbsentFromConnectionErrors() {
		OutputBinding binding = create(Map.of("connectionString",
				"postgres://postgres:Pa55w0rd-Secret@127.0.0.1:1/test?sslmode=disable&connect_timeout=1", "timeout",
				"1s"));
		Throwable failure = failure(binding, "query", null, Map.of("sql", "SELECT 1"));
		assertThat(failure).hasMessageStartingWith("error executing query: ");
		assertThat(failure).hasMessageNotContaining("Pa55w0rd-Secret");
		assertThat(failure.getCause()).satisfiesAnyOf((cause) -> assertThat(cause).isNull(),
				(cause) -> assertThat(cause).hasMessageNotContaining("Pa55w0rd-Secret"));
	}

	@Test
	void connectionStringIsAbsentFromParseErrors() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("connectionString", "postgres://u:Pa55w0rd-Secret@host:port/db")))
			.withMessage("failed to parse connection string: invalid port")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void jdbcUrlIsAbsentFromErrors() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("connectionString", "jdbc:mysql://h/db?password=Pa55w0rd-Secret")))
			.withMessageNotContaining("Pa55w0rd-Secret");
	}

	@Test
	void azureAdAuthenticationIsRefusedNamingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("connectionString", CONNECTION_STRING, "useAzureAD", "true")))
			.withMessageStartingWith("useAzureAD: ");
	}

	private OutputBinding create(Map<String, String> metadata) {
		OutputBinding binding = this.factory.create(component("pg", "bindings.postgresql", new HashMap<>(metadata)));
		this.bindings.add(binding);
		return binding;
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable", "postgres", "");
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<String> select(String sql) throws SQLException {
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
