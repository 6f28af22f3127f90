package dev.bindings.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The quickstart: Dapr's Kafka output binding in a Spring Boot app, no sidecar.
 * <p>
 * Run it with {@code mvn -pl sample-app -am spring-boot:run}. When nothing listens on
 * {@code localhost:9092} (the broker of {@code components/binding.yaml}), a local Kafka broker
 * is started there first, so the quickstart's curl works on a machine without Kafka. The
 * sample's own routes are on port 8080, Dapr's API on 127.0.0.1:3500. A failed start exits the
 * process (and stops the local broker).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		if (!Boolean.getBoolean("sample.kafka.skip-local-broker")) {
			LocalKafkaBroker.startIfAbsent("localhost", Integer.getInteger("sample.kafka.port", 9092));
		}
		try {
			SpringApplication.run(SampleApplication.class, args);
		}
		catch (RuntimeException ex) {
			// Spring Boot has reported why; the local broker's threads must not keep the JVM
			// (and port 9092) alive after a failed start
			System.exit(1);
		}
	}

}
