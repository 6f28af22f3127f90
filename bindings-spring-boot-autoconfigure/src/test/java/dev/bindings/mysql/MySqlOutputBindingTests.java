package dev.bindings.mysql;

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
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@code bindings.mysql} binding against the local MariaDB server.
 */
class MySqlOutputBindingTests {

	private static final String DSN = "root:@tcp(127.0.0.1:3306)/test";

	private static final String RFC3339_NANO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

	private static final String GO_DURATION = "(\\d+(\\.\\d+)?(ns|µs|ms|s))|(\\d+m\\d+(\\.\\d+)?s)";

	private final MySqlOutputBindingFactory factory = new MySqlOutputBindingFactory();

	private final List<OutputBinding> bindings = new ArrayList<>();

	private final String table = "bindings_my_" + UUID.randomUUID().toString().replace("-", "");

	private OutputBinding binding;

	@BeforeAll
	static void requireServer() {
		LocalServers.require("MariaDB", "127.0.0.1", 3306);
	}

	@BeforeEach
	void createBinding() {
		this.binding = create(Map.of("url", DSN));
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
				Map.of("sql", "INSERT INTO " + this.table + " (id, name) VALUES (?, ?), (?, ?)", "params",
						"[1, \"one\", 2, \"two\"]"));
		assertThat(response.hasContent()).isTrue();
		assertThat(response.data()).isEmpty();
		assertThat(response.metadata()).containsEntry("rows-affected", "2").containsEntry("operation", "exec");
		assertThat(select("SELECT id, name FROM " + this.table + " ORDER BY id")).containsExactly("1|one", "2|two");
	}

	@Test
	void updateThatChangesNothingReportsZeroRowsAffectedAsTheGoDriverDoes() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id INT PRIMARY KEY, name VARCHAR(20))");
		execute("INSERT INTO " + this.table + " VALUES (1, 'one')");
		BindingResponse response = invoke(this.binding, "exec", null,
				Map.of("sql", "UPDATE " + this.table + " SET name = ? WHERE id = ?", "params", "[\"one\", 1]"));
		assertThat(response.metadata()).containsEntry("rows-affected", "0");
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
	void queryReturnsObjectsWithSortedKeysTypedValuesAndNoNullColumns() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id INT, big BIGINT UNSIGNED, price DECIMAL(6,2), ratio DOUBLE, "
				+ "flag TINYINT(1), name VARCHAR(20), raw BLOB, at DATETIME(6), day DATE, clock TIME, yr YEAR, "
				+ "doc JSON, missing VARCHAR(5))");
		execute("INSERT INTO " + this.table + " VALUES (7, 18446744073709551615, 12.50, 1.5, 1, '<a&b>', "
				+ "x'0102ff', '2024-01-02 03:04:05.123456', '2024-01-02', '10:11:12', 2024, '{\"a\":1}', NULL)");
		BindingResponse response = invoke(this.binding, "query", null, Map.of("sql", "SELECT * FROM " + this.table));
		assertThat(response.dataAsString()).isEqualTo("[{\"at\":\"2024-01-02T03:04:05.123456Z\","
				+ "\"big\":18446744073709551615,\"clock\":\"10:11:12\",\"day\":\"2024-01-02T00:00:00Z\","
				+ "\"doc\":\"{\\\"a\\\":1}\",\"flag\":1,\"id\":7,\"name\":\"\\u003ca\\u0026b\\u003e\",\"price\":12.50,"
				+ "\"ratio\":1.5,\"raw\":\"AQL/\",\"yr\":2024}]");
	}

	@Test
	void queryWithoutRowsReturnsNullAsGoDoesForANilSlice() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id INT)");
		BindingResponse response = invoke(this.binding, "query", null, Map.of("sql", "SELECT * FROM " + this.table));
		assertThat(response.dataAsString()).isEqualTo("null");
	}

	@Test
	void queryBindsParams() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id INT, name VARCHAR(20))");
		execute("INSERT INTO " + this.table + " VALUES (1, 'one'), (2, 'two')");
		BindingResponse response = invoke(this.binding, "query", null,
				Map.of("sql", "SELECT name FROM " + this.table + " WHERE id = ?", "params", "[2]"));
		assertThat(response.dataAsString()).isEqualTo("[{\"name\":\"two\"}]");
	}

	@Test
	void injectionAttemptThroughParamsIsStoredAsData() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id INT, name VARCHAR(200))");
		String attack = "x'); DROP TABLE " + this.table + "; --";
		invoke(this.binding, "exec", null,
				Map.of("sql", "INSERT INTO " + this.table + " VALUES (?, ?)", "params", "[1, \"" + attack + "\"]"));
		assertThat(select("SELECT id, name FROM " + this.table)).containsExactly("1|" + attack);
	}

	@Test
	void missingSqlFailsWithDaprMessage() {
		assertThat(failure(this.binding, "exec", null, Map.of())).hasMessage("required metadata not set: sql");
	}

	@Test
	void paramsThatAreNotAnArrayFailWithDaprMessage() {
		assertThat(failure(this.binding, "query", null, Map.of("sql", "SELECT ?", "params", "\"x\"")))
			.hasMessage("invalid metadata property params: failed to unserialize into an array: "
					+ "json: cannot unmarshal string into Go value of type []interface {}");
	}

	@Test
	void serverErrorIsReportedAsTheGoDriverPrintsIt() {
		assertThat(failure(this.binding, "query", null, Map.of("sql", "SELECT * FROM " + this.table)))
			.hasMessage("error executing query: Error 1146 (42S02): Table 'test." + this.table + "' doesn't exist");
	}

	@Test
	void closeClosesThePoolAndReturnsNothing() {
		assertThat(invoke(this.binding, "close", null, Map.of()).hasContent()).isFalse();
		assertThat(((JdbcOutputBinding) this.binding).getDataSource().isClosed()).isTrue();
	}

	@Test
	void statementAfterCloseFailsClearly() {
		invoke(this.binding, "close", null, Map.of());
		assertThat(failure(this.binding, "exec", null, Map.of("sql", "SELECT 1"))).hasMessage("component is closed");
	}

	@Test
	void locParameterSetsTheZoneOfDatetimeValues() throws SQLException {
		execute("CREATE TABLE " + this.table + " (at DATETIME)");
		execute("INSERT INTO " + this.table + " VALUES ('2024-01-02 03:04:05')");
		OutputBinding binding = create(Map.of("url", DSN + "?loc=Europe%2FParis&parseTime=true"));
		assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT at FROM " + this.table)).dataAsString())
			.isEqualTo("[{\"at\":\"2024-01-02T03:04:05+01:00\"}]");
	}

	@Test
	void unknownDsnParameterIsSetAsASessionVariable() {
		OutputBinding binding = create(Map.of("url", DSN + "?time_zone=%27%2B02%3A00%27"));
		assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT @@session.time_zone AS tz")).dataAsString())
			.isEqualTo("[{\"tz\":\"+02:00\"}]");
	}

	@Test
	void jdbcUrlIsAccepted() {
		OutputBinding binding = create(Map.of("url", "jdbc:mysql://127.0.0.1:3306/test?user=root"));
		assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT 1 AS one")).dataAsString())
			.isEqualTo("[{\"one\":1}]");
	}

	@Test
	void missingUrlFailsWithDaprMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("maxOpenConns", "2")))
			.withMessage("missing MySql connection string");
	}

	@Test
	void illegalDsnFailsWithDaprMessageWithoutTheDsn() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("url", "root:Pa55w0rd-Secret@tcp(127.0.0.1:3306")))
			.withMessage("illegal Data Source Name (DSN) specified by url");
	}

	@Test
	void unreachableDatabaseFailsCreationWithoutThePassword() {
		assertThatException()
			.isThrownBy(() -> create(Map.of("url", "root:Pa55w0rd-Secret@tcp(127.0.0.1:1)/test?timeout=1s")))
			.withMessageStartingWith("unable to ping the DB: ")
			.withMessageNotContaining("Pa55w0rd-Secret")
			.satisfies((ex) -> assertThat(ex.getCause()).satisfiesAnyOf((cause) -> assertThat(cause).isNull(),
					(cause) -> assertThat(cause).hasStackTraceContaining("Connection refused")
						.hasMessageNotContaining("Pa55w0rd-Secret")));
	}

	@Test
	void wrongPasswordIsAbsentFromTheError() {
		assertThatException().isThrownBy(() -> create(Map.of("url", "root:Wr0ng-Pa55w0rd@tcp(127.0.0.1:3306)/test")))
			.withMessageStartingWith("unable to ping the DB: ")
			.withMessageContaining("Access denied")
			.withMessageNotContaining("Wr0ng-Pa55w0rd");
	}

	@Test
	void invalidMaxOpenConnsFailsNamingTheKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("url", DSN, "maxOpenConns", "many")))
			.withMessage("invalid value for 'maxOpenConns': not an integer");
	}

	private OutputBinding create(Map<String, String> metadata) {
		OutputBinding binding = this.factory.create(component("my", "bindings.mysql", new HashMap<>(metadata)));
		this.bindings.add(binding);
		return binding;
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
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
