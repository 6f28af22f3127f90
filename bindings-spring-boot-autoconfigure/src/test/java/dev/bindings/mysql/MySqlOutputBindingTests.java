package dev.bindings.mysql;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@code bindings.mysql} binding against the local MariaDB server; what the
 * SQL types share is tested by {@link AbstractJdbcOutputBindingTests}.
 */
class MySqlOutputBindingTests extends AbstractJdbcOutputBindingTests {

	private static final String DSN = "root:@tcp(127.0.0.1:3306)/test";

	private final MySqlOutputBindingFactory factory = new MySqlOutputBindingFactory();

	MySqlOutputBindingTests() {
		super("bindings_my_");
	}

	@BeforeAll
	static void requireServer() {
		LocalServers.require("MariaDB", "127.0.0.1", 3306);
	}

	@Override
	protected OutputBindingFactory factory() {
		return this.factory;
	}

	@Override
	protected OutputBindingFactory factory(long maxResponseSize) {
		return new MySqlOutputBindingFactory(maxResponseSize);
	}

	@Override
	protected String poolSizeKey() {
		return "maxOpenConns";
	}

	@Override
	protected String series(int count) {
		return "SELECT seq AS n FROM seq_1_to_" + count + " ORDER BY seq";
	}

	@Override
	protected Map<String, String> metadata() {
		return Map.of("url", DSN);
	}

	@Override
	protected Map<String, String> jdbcUrlMetadata() {
		return Map.of("url", "jdbc:mysql://127.0.0.1:3306/test?user=root");
	}

	@Override
	protected Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
	}

	@Override
	protected String placeholder(int number) {
		return "?";
	}

	@Override
	protected String rows(String column, String... values) {
		return Arrays.stream(values)
			.map((value) -> "{\"" + column + "\":" + value + "}")
			.collect(Collectors.joining(",", "[", "]"));
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
	void serverErrorIsReportedAsTheGoDriverPrintsIt() {
		assertThat(failure(this.binding, "query", null, Map.of("sql", "SELECT * FROM " + this.table)))
			.hasMessage("error executing query: Error 1146 (42S02): Table 'test." + this.table + "' doesn't exist");
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

	@Test
	void loadDataLocalInfileIsRefusedWithoutReadingTheFile(@TempDir Path folder) throws Exception {
		Path file = Files.writeString(folder.resolve("lines.txt"), "first\nsecond\n");
		execute("CREATE TABLE " + this.table + " (line VARCHAR(255))");
		String sql = "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + this.table;
		assertThat(failure(this.binding, "exec", null, Map.of("sql", sql)))
			.hasMessage("error executing query: Error 4166 (HY000): LOAD DATA LOCAL INFILE is refused: "
					+ "reading a file of the app's host needs allowAllFiles=true in the component's url");
		assertThat(failure(this.binding, "exec", null,
				Map.of("sql", "LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE " + this.table)))
			.hasMessageContaining("LOAD DATA LOCAL INFILE is refused");
		assertThat(failure(create(jdbcUrlMetadata()), "query", null, Map.of("sql", sql)))
			.hasMessageContaining("LOAD DATA LOCAL INFILE is refused");
		assertThat(failure(create(Map.of("url", DSN + "?allowAllFiles=false")), "exec", null, Map.of("sql", sql)))
			.hasMessageContaining("LOAD DATA LOCAL INFILE is refused");
		assertThat(select("SELECT COUNT(*) FROM " + this.table)).containsExactly("0");
	}

	@Test
	void loadDataLocalInfileReadsTheFileWithAllowAllFiles(@TempDir Path folder) throws Exception {
		Path file = Files.writeString(folder.resolve("lines.txt"), "first\nsecond\n");
		execute("CREATE TABLE " + this.table + " (line VARCHAR(255))");
		OutputBinding binding = create(Map.of("url", DSN + "?allowAllFiles=true"));
		BindingResponse response = invoke(binding, "exec", null,
				Map.of("sql", "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + this.table));
		assertThat(response.metadata()).containsEntry("rows-affected", "2");
		assertThat(select("SELECT line FROM " + this.table + " ORDER BY line")).containsExactly("first", "second");
	}

	@Test
	void tlsModesThatRequireTlsFailStartupClearlyAgainstAServerWithoutTls() {
		String pem = getClass().getResource("/dev/bindings/sql/tls/ca.crt").getPath();
		for (Map<String, String> metadata : List.of(Map.of("url", DSN + "?tls=true"),
				Map.of("url", DSN + "?tls=skip-verify"), Map.of("url", DSN + "?tls=custom", "pemPath", pem))) {
			assertThatException().isThrownBy(() -> create(metadata))
				.withMessageStartingWith("unable to ping the DB: ")
				.withMessageContaining("Trying to connect with ssl, but ssl not enabled in the server");
		}
	}

	@Test
	void tlsPreferredAndAllowFallbackToPlaintextConnectInPlainTextToAServerWithoutTls() {
		for (String params : new String[] { "?tls=preferred", "?tls=true&allowFallbackToPlaintext=true",
				"?tls=skip-verify&allowFallbackToPlaintext=1" }) {
			OutputBinding binding = create(Map.of("url", DSN + params));
			assertThat(invoke(binding, "query", null, Map.of("sql", "SHOW SESSION STATUS LIKE 'Ssl_cipher'"))
				.dataAsString()).isEqualTo("[{\"Value\":\"\",\"Variable_name\":\"Ssl_cipher\"}]");
		}
	}

}
