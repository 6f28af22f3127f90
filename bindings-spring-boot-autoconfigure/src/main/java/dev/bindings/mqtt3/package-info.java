/**
 * The {@code bindings.mqtt3} binding type: Dapr's MQTT 3 component on the Eclipse Paho
 * MQTT v3 client; the output side publishes with QoS 1 and completes on the broker's
 * acknowledgement, the input side subscribes with QoS 1 and acknowledges a message after
 * the application processed it.
 */
@NullMarked
package dev.bindings.mqtt3;

import org.jspecify.annotations.NullMarked;
