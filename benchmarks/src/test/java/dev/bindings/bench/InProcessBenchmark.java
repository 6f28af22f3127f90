package dev.bindings.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import dev.bindings.BindingClient;
import dev.bindings.BindingResponse;
import dev.bindings.kafka.KafkaOutputBindingFactory;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * In-process cost of the starter: {@code BindingClient.invoke(...)} (blocking, through
 * the registry and the Kafka binding) against a raw {@code KafkaTemplate.send(...).get()}
 * with the same producer settings (the starter's defaults: {@code acks=all}, idempotence,
 * {@code linger.ms=0}), each to its own one-partition topic of a broker in another JVM
 * ({@code -Dbench.broker=localhost:19092}). The application context is Spring Boot's
 * auto-configuration with the starter, not a web application. <pre>
 * java -cp 'benchmarks/target/test-classes:benchmarks/target/classes:benchmarks/target/harness-lib/*' \
 *     org.openjdk.jmh.Main 'InProcessBenchmark.rawTemplate' -t 16 -f 1 -prof gc -jvmArgs -Dbench.broker=localhost:19092
 * </pre>
 */
@State(Scope.Benchmark)
public class InProcessBenchmark {

	@Param("1024")
	int payloadSize;

	private ConfigurableApplicationContext context;

	private BindingClient client;

	private DefaultKafkaProducerFactory<byte[], byte[]> rawFactory;

	private KafkaTemplate<byte[], byte[]> rawTemplate;

	private byte[] payload;

	@Setup(Level.Trial)
	public void setUp() {
		String broker = System.getProperty("bench.broker", "localhost:19092");
		this.context = new SpringApplicationBuilder(InProcessConfiguration.class).web(WebApplicationType.NONE)
			.properties("BENCH_BROKER=" + broker, "bindings.components.bench.metadata.publishTopic=bench-d-client",
					"spring.main.banner-mode=off")
			.run();
		this.client = this.context.getBean(BindingClient.class);
		Map<String, Object> properties = new HashMap<>(KafkaOutputBindingFactory.DEFAULTS);
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker);
		this.rawFactory = new DefaultKafkaProducerFactory<>(properties, new ByteArraySerializer(),
				new ByteArraySerializer());
		this.rawTemplate = new KafkaTemplate<>(this.rawFactory);
		this.payload = new byte[this.payloadSize];
		Arrays.fill(this.payload, (byte) 'x');
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.rawFactory.destroy();
		this.context.close();
	}

	@Benchmark
	public RecordMetadata rawTemplate() throws InterruptedException, ExecutionException {
		return this.rawTemplate.send("bench-d-raw", this.payload).get().getRecordMetadata();
	}

	@Benchmark
	public BindingResponse bindingClient() {
		return this.client.invoke("bench", "create", this.payload, Map.of());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class InProcessConfiguration {

	}

}
