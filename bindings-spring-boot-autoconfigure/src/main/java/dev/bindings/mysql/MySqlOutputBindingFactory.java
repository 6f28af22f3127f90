package dev.bindings.mysql;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.jdbc.JdbcOutputBinding;
import dev.bindings.jdbc.JdbcValues;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.support.ResponseSizeLimit;

/**
 * Creates {@code bindings.mysql} bindings: one HikariCP pool of MariaDB driver
 * connections per component, which connects at startup as Dapr pings the database, and a
 * {@link JdbcOutputBinding} with the {@link MySqlDialect}.
 *
 * @see MySqlBindingMetadata
 */
public class MySqlOutputBindingFactory implements OutputBindingFactory {

	private final long maxResponseSize;

	/**
	 * Create a factory whose bindings answer a {@code query} with at most
	 * {@value ResponseSizeLimit#DEFAULT} bytes, the default of
	 * {@code bindings.limits.max-response-size}.
	 */
	public MySqlOutputBindingFactory() {
		this(ResponseSizeLimit.DEFAULT);
	}

	/**
	 * Create a factory.
	 * @param maxResponseSize the largest {@code query} result in bytes
	 * ({@code bindings.limits.max-response-size})
	 * @throws IllegalArgumentException if the limit is not positive
	 */
	public MySqlOutputBindingFactory(long maxResponseSize) {
		this.maxResponseSize = ResponseSizeLimit.check(maxResponseSize);
	}

	@Override
	public String type() {
		return "bindings.mysql";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		MySqlBindingMetadata metadata = MySqlBindingMetadata.parse(component.metadata());
		HikariDataSource dataSource = metadata.connection()
			.open(component.name(),
					(message, cause) -> new IllegalStateException("unable to ping the DB: " + message, cause));
		return new JdbcOutputBinding(component.name(), dataSource, new MySqlDialect(),
				new JdbcValues(metadata.zone(), this.maxResponseSize), null, metadata.connection().secrets());
	}

}
