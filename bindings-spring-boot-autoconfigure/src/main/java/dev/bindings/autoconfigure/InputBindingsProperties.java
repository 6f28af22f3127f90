package dev.bindings.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Dapr input bindings.
 */
@ConfigurationProperties("bindings.input")
public class InputBindingsProperties {

	/**
	 * Whether input bindings read events. When false, no input binding is created.
	 */
	private boolean enabled = true;

	/**
	 * How long deliveries in flight may take to finish when the application stops, per
	 * binding; the bindings stop before the web server.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * How long the OPTIONS probe of a route may take (daprd's
	 * --app-binding-options-timeout).
	 */
	private Duration probeTimeout = Duration.ofSeconds(3);

	/**
	 * How long one request to a route (each attempt of a delivery) may take before it
	 * counts as failed (daprd has no limit). Handler methods are not bounded by it; an
	 * inbound resiliency timeout bounds the attempts of both.
	 */
	private Duration deliveryTimeout = Duration.ofSeconds(60);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Duration getProbeTimeout() {
		return this.probeTimeout;
	}

	public void setProbeTimeout(Duration probeTimeout) {
		this.probeTimeout = probeTimeout;
	}

	public Duration getDeliveryTimeout() {
		return this.deliveryTimeout;
	}

	public void setDeliveryTimeout(Duration deliveryTimeout) {
		this.deliveryTimeout = deliveryTimeout;
	}

}
