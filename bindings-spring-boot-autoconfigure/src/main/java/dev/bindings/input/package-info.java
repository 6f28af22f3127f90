/**
 * Input bindings: the registry that creates them from the component definitions and owns
 * their lifecycle (started when the application is ready, paused with its readiness,
 * stopped before its web server), the delivery of events to the application's routes, as
 * daprd delivers them, or to {@link dev.bindings.BindingListener} methods, and the
 * observation of each delivery.
 */
@NullMarked
package dev.bindings.input;

import org.jspecify.annotations.NullMarked;
