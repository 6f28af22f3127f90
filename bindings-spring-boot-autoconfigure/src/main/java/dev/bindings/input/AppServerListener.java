package dev.bindings.input;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Gives the input binding registry the way to the application's own server once it
 * listens: {@code http://127.0.0.1:<port>} (or the host of {@code server.address} when
 * the server listens on one address only), the port daprd would know as
 * {@code --app-port}. The management server and Dapr's API listener are not the
 * application's server and are ignored.
 */
public final class AppServerListener implements ApplicationListener<WebServerInitializedEvent> {

	private final Supplier<@Nullable DefaultInputBindingRegistry> registry;

	private final Environment environment;

	private final Duration probeTimeout;

	private final Duration deliveryTimeout;

	private final ObservationRegistry observationRegistry;

	/**
	 * Create a listener.
	 * @param registry the registry, {@code null} when the application replaced it
	 * @param environment the environment ({@code server.address}, {@code server.ssl.*},
	 * {@code APP_API_TOKEN})
	 * @param probeTimeout how long the {@code OPTIONS} probe may take
	 * @param deliveryTimeout how long one delivery to a route may take
	 * @param observationRegistry observes each request
	 */
	public AppServerListener(Supplier<@Nullable DefaultInputBindingRegistry> registry, Environment environment,
			Duration probeTimeout, Duration deliveryTimeout, ObservationRegistry observationRegistry) {
		this.registry = registry;
		this.environment = environment;
		this.probeTimeout = probeTimeout;
		this.deliveryTimeout = deliveryTimeout;
		this.observationRegistry = observationRegistry;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		DefaultInputBindingRegistry registry = this.registry.get();
		if (registry == null || StringUtils.hasText(event.getApplicationContext().getServerNamespace())) {
			return;
		}
		if (this.environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| StringUtils.hasText(this.environment.getProperty("server.ssl.bundle"))) {
			registry.noAppChannel("the application's server uses TLS (route deliveries use plain HTTP)");
			return;
		}
		String apiToken = this.environment.getProperty("APP_API_TOKEN");
		String baseUrl = "http://" + host(this.environment.getProperty("server.address")) + ":"
				+ event.getWebServer().getPort();
		registry.appChannel(new RestClientAppChannel(baseUrl, StringUtils.hasText(apiToken) ? apiToken : null,
				this.probeTimeout, this.deliveryTimeout, this.observationRegistry));
	}

	private static String host(@Nullable String address) {
		if (!StringUtils.hasText(address)) {
			return "127.0.0.1";
		}
		try {
			InetAddress inet = InetAddress.getByName(address.trim());
			if (inet.isAnyLocalAddress()) {
				return "127.0.0.1";
			}
			String host = inet.getHostAddress();
			return (host.indexOf(':') >= 0) ? "[" + host + "]" : host;
		}
		catch (UnknownHostException ex) {
			return "127.0.0.1";
		}
	}

}
