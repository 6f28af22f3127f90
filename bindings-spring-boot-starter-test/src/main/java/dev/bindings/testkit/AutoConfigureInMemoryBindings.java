package dev.bindings.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Replaces every output binding of the application with an in-memory one that records its
 * requests ({@link InMemoryBindings}, injectable in the test), so a test needs no broker.
 * The components keep their names, operations checks and scopes from the component files
 * and {@code bindings.components.*}; nothing connects anywhere. Input bindings are
 * replaced too: nothing reads from a broker, and the test delivers events with
 * {@link InMemoryBindings#deliver(String, Object, java.util.Map)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureInMemoryBindings {

}
