package dev.bindings.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import dev.bindings.support.BoundedExecutor;
import dev.bindings.support.Secrets;
import dev.bindings.support.golang.GoDuration;
import dev.bindings.support.golang.GoTime;
import org.jspecify.annotations.Nullable;

/**
 * A SQL output binding on a HikariCP pool, with Dapr's operations {@code exec},
 * {@code query} and {@code close}.
 * <ul>
 * <li>Request metadata {@code sql} is the statement, always prepared; {@code params} is a
 * JSON array bound to its placeholders, so a value never becomes SQL.</li>
 * <li>The response metadata are {@code operation}, {@code sql}, {@code start-time},
 * {@code end-time} (Go's RFC3339Nano, UTC), {@code duration} (Go's duration format) and,
 * for {@code exec}, {@code rows-affected}. {@code exec} returns no data (an empty body);
 * {@code query} returns the rows as JSON ({@link JdbcValues}), in the shape of the type's
 * {@link JdbcDialect}.</li>
 * <li>{@code close} closes the pool and returns nothing; any later {@code exec} or
 * {@code query} fails with {@code component is closed}.</li>
 * </ul>
 * What differs between MySQL and PostgreSQL (placeholders, column types, error text) is
 * the {@link JdbcDialect} the binding is composed with. JDBC blocks, so statements run on
 * a bounded executor owned by the binding, with as many threads as the pool has
 * connections, never on the caller's thread.
 */
public final class JdbcOutputBinding implements OutputBinding, AutoCloseable {

	/** The operations, in Dapr's order. */
	static final List<String> OPERATIONS = List.of("exec", "query", "close");

	/** How many statements may wait for a thread before requests are refused. */
	static final int MAXIMUM_QUEUED_STATEMENTS = 1000;

	private static final byte[] NO_DATA = new byte[0];

	private final HikariDataSource dataSource;

	private final JdbcDialect dialect;

	private final BoundedExecutor executor;

	private final @Nullable Duration queryTimeout;

	private final Secrets secrets;

	private final JdbcValues values;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Create a binding.
	 * @param name the component name, for thread names
	 * @param dataSource the pool, owned and closed by the binding
	 * @param dialect what the type does its own way
	 * @param values how rows become JSON
	 * @param queryTimeout the timeout of each statement, or {@code null} for none
	 * @param secrets the component's secrets, kept out of error messages
	 */
	public JdbcOutputBinding(String name, HikariDataSource dataSource, JdbcDialect dialect, JdbcValues values,
			@Nullable Duration queryTimeout, Secrets secrets) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.values = values;
		this.queryTimeout = queryTimeout;
		this.secrets = secrets;
		this.executor = new BoundedExecutor(name, Math.max(1, dataSource.getMaximumPoolSize()),
				MAXIMUM_QUEUED_STATEMENTS, Duration.ofSeconds(5));
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		String operation = request.operation();
		if (operation.equals("close")) {
			return closePool();
		}
		if (this.closed.get()) {
			return CompletableFuture.failedFuture(new InvocationFailedException("component is closed"));
		}
		String sql = request.metadata().get("sql");
		if (sql == null || sql.isEmpty()) {
			return CompletableFuture.failedFuture(new InvocationFailedException("required metadata not set: sql"));
		}
		List<@Nullable Object> parameters;
		try {
			parameters = SqlParameters.from(request.metadata());
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture
				.failedFuture(new InvocationFailedException(String.valueOf(ex.getMessage()), ex.getCause()));
		}
		if (!operation.equals("exec") && !operation.equals("query")) {
			return CompletableFuture.failedFuture(new InvocationFailedException(
					"invalid operation type: " + operation + ". Expected exec, query, or close"));
		}
		return this.executor.supply(() -> execute(operation, sql, parameters), "component is closed",
				"too many statements waiting for a connection (at most " + MAXIMUM_QUEUED_STATEMENTS + ")");
	}

	private CompletableFuture<BindingResponse> closePool() {
		if (!this.closed.compareAndSet(false, true)) {
			return CompletableFuture.completedFuture(BindingResponse.noContent());
		}
		if (this.executor.isClosed()) {
			this.dataSource.close();
			return CompletableFuture.completedFuture(BindingResponse.noContent());
		}
		return this.executor.supply(() -> {
			this.dataSource.close();
			return BindingResponse.noContent();
		}, "component is closed",
				"too many statements waiting for a connection (at most " + MAXIMUM_QUEUED_STATEMENTS + ")");
	}

	private BindingResponse execute(String operation, String sql, List<@Nullable Object> parameters) {
		if (this.closed.get()) {
			throw new InvocationFailedException("component is closed");
		}
		Instant start = Instant.now();
		long startNanos = System.nanoTime();
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("operation", operation);
		metadata.put("sql", sql);
		metadata.put("start-time", GoTime.rfc3339Nano(start));
		byte[] data;
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = prepare(connection, this.dialect.prepare(sql, parameters))) {
			if (this.queryTimeout != null) {
				statement.setQueryTimeout((int) Math.max(1, (this.queryTimeout.toMillis() + 999) / 1000));
			}
			long deadline = (this.queryTimeout != null) ? startNanos + this.queryTimeout.toNanos() : 0;
			boolean transaction = this.dialect.fetchInChunks(connection, statement, sql, this.queryTimeout);
			try {
				data = run(operation, statement, metadata, deadline);
				if (transaction) {
					connection.commit();
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (transaction) {
					rollback(connection);
				}
				throw ex;
			}
			finally {
				if (transaction) {
					restoreAutoCommit(connection);
				}
			}
		}
		catch (SQLException ex) {
			if (this.closed.get()) {
				throw new InvocationFailedException("component is closed");
			}
			throw new InvocationFailedException("error executing query: " + describe(ex), this.secrets.safeCause(ex));
		}
		long elapsed = System.nanoTime() - startNanos;
		metadata.put("end-time", GoTime.rfc3339Nano(start.plusNanos(elapsed)));
		metadata.put("duration", GoDuration.format(elapsed));
		return BindingResponse.of(data, metadata);
	}

	/**
	 * Run the statement and read what it returns.
	 * @param deadline the {@link System#nanoTime()} by which the rows must have been
	 * read, or {@code 0} for none
	 */
	private byte[] run(String operation, PreparedStatement statement, Map<String, String> metadata, long deadline)
			throws SQLException {
		boolean hasResultSet = statement.execute();
		if (operation.equals("exec")) {
			long rows;
			if (hasResultSet) {
				try (ResultSet resultSet = statement.getResultSet()) {
					rows = this.dialect.countsReturnedRows() ? count(resultSet, deadline) : 0;
				}
			}
			else {
				rows = Math.max(0, statement.getLargeUpdateCount());
			}
			metadata.put("rows-affected", Long.toString(rows));
			return NO_DATA;
		}
		if (!hasResultSet) {
			return this.values.toJson(null, this.dialect, deadline);
		}
		try (ResultSet resultSet = statement.getResultSet()) {
			return this.values.toJson(resultSet, this.dialect, deadline);
		}
		catch (InvocationFailedException ex) {
			// the result is larger than the limit: the server need not send the rest
			this.dialect.abandon(statement);
			throw ex;
		}
	}

	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// the pool rolls back a connection returned with open work
		}
	}

	private static void restoreAutoCommit(Connection connection) {
		try {
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			// the pool resets auto-commit when the connection is returned
		}
	}

	private static PreparedStatement prepare(Connection connection, JdbcDialect.PreparedSql sql) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql.sql());
		try {
			List<@Nullable Object> parameters = sql.parameters();
			for (int i = 0; i < parameters.size(); i++) {
				bind(statement, i + 1, parameters.get(i));
			}
			return statement;
		}
		catch (SQLException | RuntimeException ex) {
			statement.close();
			throw ex;
		}
	}

	private static void bind(PreparedStatement statement, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.NULL);
		}
		else {
			statement.setObject(index, value);
		}
	}

	private static long count(ResultSet resultSet, long deadline) throws SQLException {
		long rows = 0;
		while (resultSet.next()) {
			JdbcValues.checkDeadline(deadline);
			rows++;
		}
		return rows;
	}

	private String describe(SQLException ex) {
		String description = this.dialect.describe(ex);
		return (description != null) ? this.secrets.redact(description) : this.secrets.describe(ex);
	}

	@Override
	public void close() {
		this.closed.set(true);
		this.dataSource.close();
		this.executor.close();
	}

	/**
	 * The pool of this binding.
	 * @return the pool
	 */
	HikariDataSource getDataSource() {
		return this.dataSource;
	}

	/**
	 * What the binding's type does its own way.
	 * @return the dialect
	 */
	JdbcDialect getDialect() {
		return this.dialect;
	}

}
