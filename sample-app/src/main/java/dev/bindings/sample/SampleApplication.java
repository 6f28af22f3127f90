package dev.bindings.sample;

import dev.bindings.localkafka.LocalKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * The quickstart: Dapr's Kafka output binding in a Spring Boot app, no sidecar.
 * <p>
 * Run it with {@code mvn -pl sample-app -am spring-boot:run}. When nothing listens on
 * {@code localhost:9092} (the broker of {@code components/binding.yaml}), a local Kafka
 * broker is started there first, so the quickstart's curl works on a machine without
 * Kafka. The sample's own routes are on port 8080, Dapr's API on 127.0.0.1:3500. A failed
 * start exits the process (and stops the local broker). While the application is
 * processed ahead of time ({@code mvn -Pnative package}), no broker is started.
 */
@SpringBootApplication
public class SampleApplication {

	private static final Logger logger = LoggerFactory.getLogger(SampleApplication.class);

	public static void main(String[] args) {
		// spring-boot:process-aot runs this method too, to read the application's bean
		// definitions at build time: no broker then
		boolean aotProcessing = Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
		if (!aotProcessing && !Boolean.getBoolean("sample.kafka.skip-local-broker")) {
			startLocalKafkaIfAbsent("localhost", Integer.getInteger("sample.kafka.port", 9092));
		}
		try {
			SpringApplication.run(SampleApplication.class, args);
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// how the AOT processor stops the application once its bean definitions are
			// read
			throw ex;
		}
		catch (RuntimeException ex) {
			if (aotProcessing) {
				throw ex;
			}
			// Spring Boot has reported why; the local broker's threads must not keep the
			// JVM (and port 9092) alive after a failed start
			System.exit(1);
		}
	}

	/**
	 * Start a single-node Kafka broker on {@code host:port} unless something already
	 * listens there; it stops (and its data is deleted) when the JVM stops.
	 * @param host the host to listen on
	 * @param port the port to listen on
	 */
	static void startLocalKafkaIfAbsent(String host, int port) {
		if (LocalKafkaBroker.isListening(host, port)) {
			logger.info("Kafka is already listening on {}:{}; using it", host, port);
			return;
		}
		logger.info("No Kafka on {}:{}; starting a local single-node broker there", host, port);
		LocalKafkaBroker broker = LocalKafkaBroker.start(host, port);
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "local-kafka-shutdown"));
		logger.info("Local Kafka broker listening on {}", broker.bootstrapServers());
	}

}
