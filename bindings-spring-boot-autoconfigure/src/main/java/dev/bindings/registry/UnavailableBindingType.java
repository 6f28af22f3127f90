package dev.bindings.registry;

/**
 * A binding type that the application cannot create because its client library is
 * missing, and the dependency that would bring it. A type's auto-configuration registers
 * one as a bean when its library is absent; when a component of that type has no
 * {@link OutputBindingFactory}, the registry's startup failure then names the dependency
 * to add instead of listing the available types.
 * <p>
 * The bean must not load the library's classes: it exists exactly when they are absent.
 *
 * @param type the Dapr component type, for example {@code bindings.redis}; compared
 * case-insensitively
 * @param dependency what to add to the application, for example
 * {@code dev.bindings:bindings-spring-boot-starter-redis}
 */
public record UnavailableBindingType(String type, String dependency) {

}
