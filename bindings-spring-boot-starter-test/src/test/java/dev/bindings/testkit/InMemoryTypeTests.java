package dev.bindings.testkit;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code bindings.in-memory} type, available whenever the kit is on the class path.
 */
class InMemoryTypeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, InMemoryTypeAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=", "bindings.components.mem.type=bindings.in-memory",
				"bindings.components.mem.metadata.operations=create,get");

	@Test
	void operationsComeFromTheMetadata() {
		this.contextRunner.run((context) -> {
			BindingClient client = context.getBean(BindingClient.class);
			client.invoke("mem", "get", "x");
			assertThatExceptionOfType(BindingException.class).isThrownBy(() -> client.invoke("mem", "delete", "x"))
				.withMessageContaining("supported operations:create get");
			assertThat(context.getBean(InMemoryBindings.class).invocations("mem")).hasSize(1);
		});
	}

}
