package dev.bindings.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The quickstart: Dapr's Kafka output binding in a Spring Boot app, no sidecar.
 * <p>
 * Run it with {@code mvn -pl sample-app -am spring-boot:run}. When nothing listens on
 * {@code localhost:9092} (the broker of {@code components/binding.yaml}), a local Kafka broker
 * is started there first, so the quickstart's curl works on a machine without Kafka.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		if (!Boolean.getBoolean("sample.kafka.skip-local-broker")) {
			LocalKafkaBroker.startIfAbsent("localhost", 9092);
		}
		SpringApplication.run(SampleApplication.class, args);
	}

}
