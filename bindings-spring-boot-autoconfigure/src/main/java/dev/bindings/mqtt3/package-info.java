/**
 * The {@code bindings.mqtt3} output binding type: Dapr's MQTT 3 component on the Eclipse
 * Paho MQTT v3 client, publishing with QoS 1 and completing on the broker's
 * acknowledgement.
 */
@NullMarked
package dev.bindings.mqtt3;

import org.jspecify.annotations.NullMarked;
