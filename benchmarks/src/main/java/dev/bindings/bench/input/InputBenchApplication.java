package dev.bindings.bench.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The application of the input benchmarks: a {@code bindings.kafka} input and three ways
 * to consume it, one per run, chosen by profile. Each does the same work with each
 * record, {@link InputProbe#record(byte[])}:
 * <ul>
 * <li>{@code handler}: the starter delivers to a {@code @BindingListener} method
 * ({@link HandlerVariant});</li>
 * <li>{@code route}: the starter posts each event to the application's own route
 * {@code POST /bench-in}, as daprd does ({@link RouteVariant});</li>
 * <li>{@code listener}: a hand-written spring-kafka {@code @KafkaListener} on Spring
 * Boot's auto-configured container factory, with Boot's and Kafka's defaults
 * ({@link ListenerVariant}); {@code listener-record} the same with
 * {@code AckMode.RECORD}, the starter's former commit mode; {@code listener-record-async}
 * with {@code AckMode.RECORD} and asynchronous commits.</li>
 * </ul>
 * The settings are in {@code input-bench.yml} (not {@code application.yml}: that one is
 * the output benchmarks' app); the driver gives the broker, topic and group. The
 * {@link InputProbe} is the driver's, registered before the context starts. Component
 * scanning of {@link dev.bindings.bench.BenchApplication} finds this class too, and skips
 * it: it needs {@code bench.input.enabled}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ConditionalOnBooleanProperty("bench.input.enabled")
public class InputBenchApplication {

	/** The variants, in the order of the tables. */
	public static final List<String> VARIANTS = List.of("handler", "route", "listener", "listener-record",
			"listener-record-async");

	/** The input binding's component name and the route of the {@code route} variant. */
	public static final String BINDING = "bench-in";

	/**
	 * Start the application for one variant.
	 * @param variant one of {@link #VARIANTS}
	 * @param probe the probe the variant's consumer hands each record to
	 * @param properties further properties: {@code bench.input.broker},
	 * {@code bench.input.topic}, {@code bench.input.group}, optionally
	 * {@code bench.input.concurrency}
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String variant, InputProbe probe,
			Map<String, String> properties) {
		if (!VARIANTS.contains(variant)) {
			throw new IllegalArgumentException("unknown variant " + variant + ", expected one of " + VARIANTS);
		}
		List<String> args = new ArrayList<>();
		args.add("--spring.config.name=input-bench");
		args.add("--bench.input.enabled=true");
		properties.forEach((key, value) -> args.add("--" + key + "=" + value));
		return new SpringApplicationBuilder(InputBenchApplication.class).profiles(variant)
			.initializers((context) -> context.getBeanFactory().registerSingleton("inputProbe", probe))
			.run(args.toArray(String[]::new));
	}

	@Bean
	@Profile("handler")
	HandlerVariant handlerVariant(InputProbe probe) {
		return new HandlerVariant(probe);
	}

	@Bean
	@Profile("route")
	RouteVariant routeVariant(InputProbe probe) {
		return new RouteVariant(probe);
	}

	@Bean
	@Profile({ "listener", "listener-record", "listener-record-async" })
	ListenerVariant listenerVariant(InputProbe probe) {
		return new ListenerVariant(probe);
	}

	@Bean
	@Profile("listener-record-async")
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncCommits() {
		return (container) -> container.getContainerProperties().setSyncCommits(false);
	}

}
