package dev.bindings.sample;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A binding type of the application's own, {@code bindings.sample.log}: one bean is all
 * it takes. Its components log what they are sent, at the level named by their
 * {@code level} metadata, and answer with the number of bytes logged.
 */
@Configuration(proxyBeanMethods = false)
class LogBindingConfiguration {

	@Bean
	OutputBindingFactory logBindingType() {
		return new OutputBindingFactory() {

			@Override
			public String type() {
				return "bindings.sample.log";
			}

			@Override
			public OutputBinding create(ComponentDefinition component) {
				String level = component.metadata().getOrDefault("level", "info");
				if (!List.of("info", "warn").contains(level)) {
					throw new IllegalArgumentException("metadata 'level' must be info or warn");
				}
				return new LogBinding(component.name(), level.equals("warn"));
			}

		};
	}

	static final class LogBinding implements OutputBinding {

		private final Logger logger;

		private final boolean warn;

		LogBinding(String name, boolean warn) {
			this.logger = LoggerFactory.getLogger("bindings." + name);
			this.warn = warn;
		}

		@Override
		public List<String> operations() {
			return List.of("create");
		}

		@Override
		public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
			byte[] data = (request.data() != null) ? request.data() : new byte[0];
			String text = new String(data, StandardCharsets.UTF_8);
			if (this.warn) {
				this.logger.warn("{} {}", text, request.metadata());
			}
			else {
				this.logger.info("{} {}", text, request.metadata());
			}
			return CompletableFuture.completedFuture(BindingResponse
				.of(String.valueOf(data.length).getBytes(StandardCharsets.UTF_8), java.util.Map.of("logged", "true")));
		}

	}

}
