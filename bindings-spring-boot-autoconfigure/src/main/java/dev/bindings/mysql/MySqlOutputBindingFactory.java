package dev.bindings.mysql;

import com.zaxxer.hikari.HikariDataSource;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;

/**
 * Creates {@code bindings.mysql} bindings: one HikariCP pool of MariaDB driver
 * connections per component, which connects at startup as Dapr pings the database.
 *
 * @see MySqlBindingMetadata
 * @see MySqlOutputBinding
 */
public class MySqlOutputBindingFactory implements OutputBindingFactory {

	@Override
	public String type() {
		return "bindings.mysql";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		MySqlBindingMetadata metadata = MySqlBindingMetadata.parse(component.metadata());
		HikariDataSource dataSource;
		try {
			dataSource = new HikariDataSource(metadata.hikariConfig(component.name()));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("unable to ping the DB: " + metadata.secrets().describe(ex),
					metadata.secrets().safeCause(ex));
		}
		return new MySqlOutputBinding(component.name(), metadata, dataSource);
	}

}
