package dev.bindings.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port Dapr's HTTP API listens on, as {@code @LocalServerPort} injects the
 * application's: {@code @LocalDaprHttpPort int daprPort;} in a test that runs the
 * embedded server ({@code @SpringBootTest(webEnvironment = RANDOM_PORT)} gives the API a
 * free port).
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${local.bindings.http.port}")
public @interface LocalDaprHttpPort {

}
