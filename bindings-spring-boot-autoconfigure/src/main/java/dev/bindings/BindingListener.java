package dev.bindings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method as the handler of one or more input bindings: each event of the
 * named bindings is delivered to it instead of to a route of the application. The method
 * takes no parameter, or one: {@code byte[]} (the event's bytes), {@code String} (the
 * bytes as UTF-8 text), {@link BindingEvent} (bytes and metadata), or any other type,
 * read from the bytes as JSON by the application's JSON mapper. Returning means the event
 * was processed; throwing means it was not (the binding retries it, or reports it
 * skipped, as its type and metadata say). The return value is ignored.
 * <p>
 * A binding has at most one handler method; a binding with one is never delivered to a
 * route (and not probed with {@code OPTIONS}).
 *
 * <pre class="code">
 * &#064;BindingListener("orders")
 * void onOrder(Order order) {
 *     ...
 * }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface BindingListener {

	/**
	 * The names of the input bindings (component names) this method handles;
	 * {@code ${...}} placeholders are resolved.
	 * @return the binding names
	 */
	String[] value();

}
