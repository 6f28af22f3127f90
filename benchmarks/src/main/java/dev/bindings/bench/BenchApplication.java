package dev.bindings.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the load benchmarks drive. On one port it serves:
 * <ul>
 * <li>{@code POST /noop}: reads the body and answers {@code 204} (the HTTP ceiling);</li>
 * <li>{@code POST /handwritten}: parses Dapr's envelope with Jackson and calls
 * {@code KafkaTemplate.send(...).get()} on Spring Boot's auto-configured template, with
 * Boot's and Kafka's defaults: what a user would write without the starter;</li>
 * <li>{@code POST /handwritten-linger0}: the same with {@code linger.ms=0}, the one
 * producer default of the starter that differs from Kafka's, to tell apart the cost of
 * the code from the cost of the producer settings;</li>
 * <li>{@code POST /v1.0/bindings/bench}: the starter's Dapr endpoint, component
 * {@code bench};</li>
 * <li>{@code /bench/*}: allocation, heap and CPU figures for the driver script.</li>
 * </ul>
 * Packaged twice: {@code benchmarks-*-app.jar} with the starter and
 * {@code benchmarks-*-plain.jar} without it (same classes, the starter's jars left out).
 */
@SpringBootApplication
public class BenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchApplication.class, args);
	}

}
