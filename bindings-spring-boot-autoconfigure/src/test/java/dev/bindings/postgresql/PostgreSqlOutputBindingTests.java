package dev.bindings.postgresql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.jdbc.AbstractJdbcOutputBindingTests;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.test.LocalServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@code bindings.postgresql} binding against the local PostgreSQL server;
 * what the SQL types share is tested by {@link AbstractJdbcOutputBindingTests}.
 */
class PostgreSqlOutputBindingTests extends AbstractJdbcOutputBindingTests {

	private static final String CONNECTION_STRING = "host=127.0.0.1 port=5432 user=postgres dbname=test sslmode=disable";

	private final PostgreSqlOutputBindingFactory factory = new PostgreSqlOutputBindingFactory();

	PostgreSqlOutputBindingTests() {
		super("bindings_pg_");
	}

	@BeforeAll
	static void requireServer() {
		LocalServers.require("PostgreSQL", "127.0.0.1", 5432);
	}

	@Override
	protected OutputBindingFactory factory() {
		return this.factory;
	}

	@Override
	protected OutputBindingFactory factory(long maxResponseSize) {
		return new PostgreSqlOutputBindingFactory(maxResponseSize);
	}

	@Override
	protected String poolSizeKey() {
		return "maxConns";
	}

	@Override
	protected String series(int count) {
		return "SELECT n FROM generate_series(1, " + count + ") AS n";
	}

	@Override
	protected Map<String, String> metadata() {
		return Map.of("connectionString", CONNECTION_STRING);
	}

	@Override
	protected Map<String, String> jdbcUrlMetadata() {
		return Map.of("connectionString", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&sslmode=disable");
	}

	@Override
	protected Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable", "postgres", "");
	}

	@Override
	protected String placeholder(int number) {
		return "$" + number;
	}

	@Override
	protected String rows(String column, String... values) {
		return Arrays.stream(values).map((value) -> "[" + value + "]").collect(Collectors.joining(",", "[", "]"));
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

	@Test
	void copyFromStdinAndToStdoutAreRefusedByTheDriver() throws SQLException {
		execute("CREATE TABLE " + this.table + " (line text)");
		for (Map<String, String> metadata : List.of(metadata(),
				Map.of("connectionString", CONNECTION_STRING, "queryExecMode", "simple_protocol"))) {
			OutputBinding binding = create(metadata);
			assertThat(failure(binding, "exec", null, Map.of("sql", "COPY " + this.table + " FROM STDIN")))
				.hasMessageStartingWith("error executing query: ERROR: COPY from stdin failed: "
						+ "COPY commands are only supported using the CopyManager API.");
			assertThat(failure(binding, "query", null, Map.of("sql", "COPY " + this.table + " TO STDOUT")))
				.hasMessage("error executing query: COPY commands are only supported using the CopyManager API.");
			assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT 1")).dataAsString()).isEqualTo("[[1]]");
		}
		assertThat(select("SELECT COUNT(*) FROM " + this.table)).containsExactly("0");
	}

	@Test
	void sslmodesThatRequireTlsFailClearlyAgainstAServerWithoutTls() {
		String ca = getClass().getResource("/dev/bindings/sql/tls/ca.crt").getPath();
		for (String tls : new String[] { "sslmode=require", "sslmode=require sslrootcert=" + ca,
				"sslmode=verify-ca sslrootcert=" + ca, "sslmode=verify-full" }) {
			OutputBinding binding = create(Map.of("connectionString",
					"host=127.0.0.1 port=5432 user=postgres dbname=test " + tls, "timeout", "1s"));
			assertThat(failure(binding, "query", null, Map.of("sql", "SELECT 1")))
				.hasMessageStartingWith("error executing query: ")
				.hasMessageEndingWith(": The server does not support SSL.");
		}
	}

	@Test
	void sslmodesThatAllowPlainTextConnectToAServerWithoutTls() {
		for (String tls : new String[] { "", " sslmode=prefer", " sslmode=allow" }) {
			OutputBinding binding = create(
					Map.of("connectionString", "host=127.0.0.1 port=5432 user=postgres dbname=test" + tls));
			assertThat(invoke(binding, "query", null,
					Map.of("sql", "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
				.dataAsString()).isEqualTo("[[false]]");
		}
	}

	@Test
	void queryLargerThanTheLimitStopsFetchingRowsThroughTheCursor() throws SQLException {
		execute("CREATE SEQUENCE " + this.table);
		try {
			OutputBinding binding = create(factory(1024), metadata());
			assertThat(failure(binding, "query", null,
					Map.of("sql", "SELECT nextval('" + this.table + "') FROM generate_series(1, 100000)")))
				.hasMessageContaining("the limit set by bindings.limits.max-response-size");
			assertThat(Long.parseLong(select("SELECT last_value FROM " + this.table).get(0)))
				.isLessThanOrEqualTo(PostgreSqlDialect.FETCH_SIZE);
		}
		finally {
			execute("DROP SEQUENCE " + this.table);
		}
	}

	@Test
	void queryThroughTheCursorCommitsWhatItsStatementWrites() throws SQLException {
		execute("CREATE TABLE " + this.table + " (id int)");
		assertThat(
				invoke(this.binding, "query", null,
						Map.of("sql",
								"WITH added AS (INSERT INTO " + this.table
										+ " VALUES ($1) RETURNING id) SELECT id FROM added",
								"params", "[5]"))
					.dataAsString())
			.isEqualTo("[[5]]");
		assertThat(select("SELECT id FROM " + this.table)).containsExactly("5");
	}

	@Test
	void statementsAfterAQueryThroughTheCursorAutoCommitAndStatementsThatRefuseTransactionsRun() throws SQLException {
		OutputBinding binding = create(Map.of("connectionString", CONNECTION_STRING, "maxConns", "1"));
		execute("CREATE TABLE " + this.table + " (id int)");
		assertThat(invoke(binding, "query", null, Map.of("sql", "SELECT 1")).dataAsString()).isEqualTo("[[1]]");
		invoke(binding, "exec", null, Map.of("sql", "INSERT INTO " + this.table + " VALUES (1)"));
		assertThat(select("SELECT id FROM " + this.table)).containsExactly("1");
		assertThat(invoke(binding, "query", null, Map.of("sql", "VACUUM " + this.table)).dataAsString())
			.isEqualTo("[]");
		assertThat(invoke(binding, "exec", null, Map.of("sql", "VACUUM " + this.table)).metadata())
			.containsEntry("rows-affected", "0");
	}

	@Test
	void queryWhoseRowsTakeLongerThanTheTimeoutFailsThoughEachFetchIsFaster() {
		OutputBinding binding = create(Map.of("connectionString", CONNECTION_STRING, "timeout", "1s"));
		assertThat(failure(binding, "query", null,
				Map.of("sql",
						"SELECT n, CASE WHEN n % 500 = 0 THEN pg_sleep(0.4) END FROM generate_series(1, 2500) AS n")))
			.hasMessageStartingWith("error executing query: ")
			.hasMessageContaining("canceling statement due to statement timeout");
	}

	@Test
	void simpleProtocolModeReturnsLargeResultsWithoutACursor() {
		OutputBinding binding = create(
				Map.of("connectionString", CONNECTION_STRING, "queryExecMode", "simple_protocol"));
		assertThat(invoke(binding, "query", null, Map.of("sql", series(2000))).dataAsString()).startsWith("[[1],[2],")
			.endsWith(",[2000]]");
	}

}
