package dev.bindings.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * In a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} test, Dapr's API listeners
 * take free ports too ({@code bindings.http.port=0}, {@code bindings.grpc.port=0}), as
 * Spring Boot does for {@code server.port} and {@code management.server.port}: tests in
 * parallel JVMs, or next to a running app, never clash on 3500 or 50001. A port the test
 * sets itself is kept. The HTTP port is published as {@code local.bindings.http.port}
 * ({@link LocalDaprHttpPort}).
 */
class DaprApiRandomPortContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String SPRING_BOOT_TEST = "org.springframework.boot.test.context.SpringBootTest";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		MergedAnnotation<?> test = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
			.get(SPRING_BOOT_TEST);
		if (!test.isPresent() || !"RANDOM_PORT".equals(String.valueOf(test.getValue("webEnvironment").orElse("")))) {
			return null;
		}
		return new RandomPorts();
	}

	/**
	 * Sets the API ports to 0 unless the test's own properties set them.
	 */
	private static final class RandomPorts implements ContextCustomizer {

		private static final List<String> PORTS = List.of("bindings.http.port", "bindings.grpc.port");

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			PropertySource<?> inlined = sources.get(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME);
			Map<String, Object> ports = new HashMap<>();
			for (String port : PORTS) {
				if (inlined == null || !inlined.containsProperty(port)) {
					ports.put(port, "0");
				}
			}
			MapPropertySource random = new MapPropertySource("dapr-api-random-ports", ports);
			if (inlined != null) {
				sources.addAfter(inlined.getName(), random);
			}
			else {
				sources.addFirst(random);
			}
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return RandomPorts.class.hashCode();
		}

	}

}
