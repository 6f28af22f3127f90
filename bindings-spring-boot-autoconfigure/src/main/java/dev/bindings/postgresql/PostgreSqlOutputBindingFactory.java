package dev.bindings.postgresql;

import java.time.ZoneOffset;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.jdbc.JdbcValues;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.support.ResponseSizeLimit;

/**
 * Creates {@code bindings.postgresql} bindings: one HikariCP pool of PostgreSQL
 * connections per component, opened on demand, and a {@link JdbcOutputBinding} with the
 * {@link PostgreSqlDialect}; {@code timestamp} columns are read as UTC.
 *
 * @see PostgreSqlBindingMetadata
 */
public class PostgreSqlOutputBindingFactory implements OutputBindingFactory {

	private final long maxResponseSize;

	/**
	 * Create a factory whose bindings answer a {@code query} with at most
	 * {@value ResponseSizeLimit#DEFAULT} bytes, the default of
	 * {@code bindings.limits.max-response-size}.
	 */
	public PostgreSqlOutputBindingFactory() {
		this(ResponseSizeLimit.DEFAULT);
	}

	/**
	 * Create a factory.
	 * @param maxResponseSize the largest {@code query} result in bytes
	 * ({@code bindings.limits.max-response-size})
	 * @throws IllegalArgumentException if the limit is not positive
	 */
	public PostgreSqlOutputBindingFactory(long maxResponseSize) {
		this.maxResponseSize = ResponseSizeLimit.check(maxResponseSize);
	}

	@Override
	public String type() {
		return "bindings.postgresql";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		PostgreSqlBindingMetadata metadata = PostgreSqlBindingMetadata.parse(component.metadata());
		HikariDataSource dataSource = metadata.connection()
			.open(component.name(), (message,
					cause) -> new IllegalArgumentException("failed to parse connection string: " + message, cause));
		return new JdbcOutputBinding(component.name(), dataSource, new PostgreSqlDialect(),
				new JdbcValues(ZoneOffset.UTC, this.maxResponseSize), metadata.timeout(),
				metadata.connection().secrets());
	}

}
