package dev.bindings.aotsmoke;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with the starter and every optional integration (all binding types,
 * Actuator, observations, resiliency, the gRPC API), processed ahead of time with every
 * build and run from its jar by {@code ProcessedApplicationTests}.
 */
@SpringBootApplication
public class AotSmokeApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotSmokeApplication.class, args);
	}

}
