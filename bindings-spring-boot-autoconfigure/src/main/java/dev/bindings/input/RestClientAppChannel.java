package dev.bindings.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.bindings.BindingEvent;
import dev.bindings.DeliveryFailedException;
import dev.bindings.support.Failures;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The app channel on Spring's {@link RestClient} over the JDK's {@link HttpClient}: plain
 * HTTP/1.1 to the application's own port on loopback, redirects not followed, each
 * request observed (so that tracing writes the current {@code traceparent} into it, as
 * daprd does with tracing on). Requests carry {@code Content-Type: application/json}, the
 * event's metadata as headers ({@link AppHeaders}) and {@code dapr-api-token} when
 * {@code APP_API_TOKEN} is set.
 */
final class RestClientAppChannel implements AppChannel {

	/** How much of an error answer's body goes into the failure's message. */
	private static final int ERROR_BODY_LIMIT = 1024;

	private final String baseUrl;

	private final RestClient deliveries;

	private final RestClient probes;

	private final @Nullable String apiToken;

	/**
	 * Create a channel.
	 * @param baseUrl the application's base URL, for example
	 * {@code http://127.0.0.1:8080}
	 * @param apiToken the token sent as {@code dapr-api-token}, or {@code null}
	 * @param probeTimeout how long the {@code OPTIONS} probe may take
	 * @param deliveryTimeout how long one delivery may take
	 * @param observationRegistry the observation registry
	 */
	RestClientAppChannel(String baseUrl, @Nullable String apiToken, Duration probeTimeout, Duration deliveryTimeout,
			ObservationRegistry observationRegistry) {
		this.baseUrl = baseUrl;
		this.apiToken = apiToken;
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.deliveries = client(http, deliveryTimeout, observationRegistry);
		this.probes = client(http, probeTimeout, observationRegistry);
	}

	private static RestClient client(HttpClient http, Duration timeout, ObservationRegistry observationRegistry) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(timeout);
		return RestClient.builder().requestFactory(requestFactory).observationRegistry(observationRegistry).build();
	}

	@Override
	public String baseUrl() {
		return this.baseUrl;
	}

	@Override
	public int probe(String route) {
		return this.probes.method(HttpMethod.OPTIONS).uri(URI.create(this.baseUrl + route)).headers((headers) -> {
			headers.set("Content-Type", "application/json");
			if (this.apiToken != null) {
				headers.set("dapr-api-token", this.apiToken);
			}
		}).exchange((request, response) -> {
			drain(response.getBody());
			return response.getStatusCode().value();
		});
	}

	@Override
	public void post(String route, BindingEvent event) {
		Map<String, String> metadataHeaders = AppHeaders.of(event.metadata());
		int[] status = new int[1];
		String body;
		try {
			body = this.deliveries.post().uri(URI.create(this.baseUrl + route)).headers((headers) -> {
				metadataHeaders.forEach(headers::set);
				headers.set("Content-Type", "application/json");
				if (this.apiToken != null) {
					headers.set("dapr-api-token", this.apiToken);
				}
			}).body(event.data()).exchange((request, response) -> {
				status[0] = response.getStatusCode().value();
				if (status[0] >= 200 && status[0] <= 299) {
					drain(response.getBody());
					return "";
				}
				return errorBody(response.getBody());
			});
		}
		catch (RuntimeException ex) {
			throw new DeliveryFailedException("error invoking app: " + Failures.describe(ex), ex);
		}
		if (status[0] < 200 || status[0] > 299) {
			throw new AppStatusException(status[0], (body != null) ? body : "");
		}
	}

	private static String errorBody(InputStream body) throws IOException {
		try (body) {
			byte[] bytes = body.readNBytes(ERROR_BODY_LIMIT + 1);
			String text = new String(bytes, 0, Math.min(bytes.length, ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
			return (bytes.length > ERROR_BODY_LIMIT) ? text + "..." : text;
		}
	}

	private static void drain(InputStream body) throws IOException {
		try (body) {
			body.transferTo(OutputStream.nullOutputStream());
		}
	}

}
