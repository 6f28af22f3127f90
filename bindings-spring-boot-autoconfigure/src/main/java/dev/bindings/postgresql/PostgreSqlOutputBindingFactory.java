package dev.bindings.postgresql;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;

/**
 * Creates {@code bindings.postgresql} bindings: one HikariCP pool of PostgreSQL
 * connections per component, opened on demand.
 *
 * @see PostgreSqlBindingMetadata
 * @see PostgreSqlOutputBinding
 */
public class PostgreSqlOutputBindingFactory implements OutputBindingFactory {

	@Override
	public String type() {
		return "bindings.postgresql";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		PostgreSqlBindingMetadata metadata = PostgreSqlBindingMetadata.parse(component.metadata());
		HikariDataSource dataSource;
		try {
			dataSource = new HikariDataSource(metadata.hikariConfig(component.name()));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("failed to parse connection string: " + metadata.secrets().describe(ex),
					metadata.secrets().safeCause(ex));
		}
		return new PostgreSqlOutputBinding(component.name(), metadata, dataSource);
	}

}
