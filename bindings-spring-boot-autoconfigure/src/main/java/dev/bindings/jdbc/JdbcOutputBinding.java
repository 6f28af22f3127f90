package dev.bindings.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
 * {@code query} returns the rows as JSON, in the form of the subclass.</li>
 * <li>{@code close} closes the pool and returns nothing; any later {@code exec} or
 * {@code query} fails with {@code component is closed}.</li>
 * </ul>
 * JDBC blocks, so statements run on a bounded executor owned by the binding, with as many
 * threads as the pool has connections, never on the caller's thread.
 */
public abstract class JdbcOutputBinding implements OutputBinding, AutoCloseable {

	/** The operations, in Dapr's order. */
	public static final List<String> OPERATIONS = List.of("exec", "query", "close");

	/** How many statements may wait for a thread before requests are refused. */
	public static final int MAXIMUM_QUEUED_STATEMENTS = 1000;

	private static final byte[] NO_DATA = new byte[0];

	private final HikariDataSource dataSource;

	private final BoundedExecutor executor;

	private final @Nullable Duration queryTimeout;

	private final Secrets secrets;

	private final JdbcValues values;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Create a binding.
	 * @param name the component name, for thread names
	 * @param dataSource the pool, owned and closed by the binding
	 * @param queryTimeout the timeout of each statement, or {@code null} for none
	 * @param secrets the component's secrets, kept out of error messages
	 * @param zone the zone in which date and time columns without a zone are read
	 */
	protected JdbcOutputBinding(String name, HikariDataSource dataSource, @Nullable Duration queryTimeout,
			Secrets secrets, ZoneId zone) {
		this.dataSource = dataSource;
		this.values = new JdbcValues(zone);
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
		metadata.put("start-time", GoFormat.rfc3339Nano(start));
		byte[] data;
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = prepare(connection, sql, parameters)) {
			if (this.queryTimeout != null) {
				statement.setQueryTimeout((int) Math.max(1, (this.queryTimeout.toMillis() + 999) / 1000));
			}
			boolean hasResultSet = statement.execute();
			if (operation.equals("exec")) {
				long rows;
				if (hasResultSet) {
					try (ResultSet resultSet = statement.getResultSet()) {
						rows = rowsAffectedByQuery(resultSet);
					}
				}
				else {
					rows = Math.max(0, statement.getLargeUpdateCount());
				}
				metadata.put("rows-affected", Long.toString(rows));
				data = NO_DATA;
			}
			else if (hasResultSet) {
				try (ResultSet resultSet = statement.getResultSet()) {
					data = toJson(resultSet);
				}
			}
			else {
				data = toJson(null);
			}
		}
		catch (SQLException ex) {
			if (this.closed.get()) {
				throw new InvocationFailedException("component is closed");
			}
			throw new InvocationFailedException("error executing query: " + describe(ex), this.secrets.safeCause(ex));
		}
		long elapsed = System.nanoTime() - startNanos;
		metadata.put("end-time", GoFormat.rfc3339Nano(start.plusNanos(elapsed)));
		metadata.put("duration", GoFormat.duration(elapsed));
		return BindingResponse.of(data, metadata);
	}

	/**
	 * Prepare a statement and bind its parameters, in order, with {@link #bind}.
	 * @param connection the connection
	 * @param sql the statement as the request gave it
	 * @param parameters the parameters from {@code params}
	 * @return the statement, ready to execute
	 * @throws SQLException if the statement cannot be prepared or a parameter bound
	 */
	protected PreparedStatement prepare(Connection connection, String sql, List<@Nullable Object> parameters)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		try {
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

	/**
	 * Bind one parameter.
	 * @param statement the statement
	 * @param index the placeholder index, from 1
	 * @param value the value from {@code params}
	 * @throws SQLException if the driver refuses the value
	 */
	protected void bind(PreparedStatement statement, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.NULL);
		}
		else {
			statement.setObject(index, value);
		}
	}

	/**
	 * The rows-affected count of an {@code exec} whose statement returned rows.
	 * @param resultSet the rows
	 * @return the count to report
	 * @throws SQLException on a driver error
	 */
	protected long rowsAffectedByQuery(ResultSet resultSet) throws SQLException {
		return 0;
	}

	/**
	 * The result of a {@code query} as JSON.
	 * @param resultSet the rows, or {@code null} when the statement returned none
	 * @return the JSON bytes
	 * @throws SQLException on a driver error
	 */
	protected abstract byte[] toJson(@Nullable ResultSet resultSet) throws SQLException;

	/**
	 * Describe a driver error for the {@code error executing query: } message.
	 * @param ex the error
	 * @return the description, without secrets
	 */
	protected String describe(SQLException ex) {
		return this.secrets.describe(ex);
	}

	/**
	 * The component's secrets.
	 * @return the secrets
	 */
	protected Secrets secrets() {
		return this.secrets;
	}

	/**
	 * How column values become JSON.
	 * @return the values mapper
	 */
	protected JdbcValues values() {
		return this.values;
	}

	/**
	 * Read a column as a JSON-ready value ({@link JdbcValues#readValue}); a type reads
	 * its own column types first.
	 * @param resultSet the rows, positioned on a row
	 * @param column the column, from 1
	 * @param metaData the result set's metadata
	 * @return the value
	 * @throws SQLException on a driver error
	 */
	protected @Nullable Object readValue(ResultSet resultSet, int column, ResultSetMetaData metaData)
			throws SQLException {
		return this.values.readValue(resultSet, column, metaData);
	}

	@Override
	public void close() {
		this.closed.set(true);
		this.dataSource.close();
		this.executor.close();
	}

	/**
	 * Whether the pool was closed, by the {@code close} operation or with the binding.
	 * @return whether the binding is closed
	 */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * The pool of this binding.
	 * @return the pool
	 */
	public HikariDataSource getDataSource() {
		return this.dataSource;
	}

}
