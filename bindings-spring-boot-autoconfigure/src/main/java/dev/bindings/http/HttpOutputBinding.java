package dev.bindings.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A {@code bindings.http} component: each operation is an HTTP method ({@code create} is
 * POST) on the component's {@code url}, plus the request metadata {@code path}.
 * <ul>
 * <li>request headers: every request metadata key that starts with an ASCII capital
 * letter, plus {@code traceparent}, {@code tracestate} and {@code baggage};
 * {@code Content-Type} defaults to {@code application/json; charset=utf-8} when there is
 * a body and {@code Accept} to the same; a body is sent for POST, PUT and PATCH
 * only;</li>
 * <li>response: the body, and metadata {@code statusCode}, {@code status} and every
 * response header (Go's canonical names, several values joined with {@code ", "});</li>
 * <li>with {@code errorIfNot2XX} (component or request metadata, default true) a non-2xx
 * answer fails with {@code received status code <n>}, carrying the response
 * metadata.</li>
 * </ul>
 * The request {@code path} can never change the scheme, host or port of {@code url}.
 * Responses over {@code maxResponseBodySize} are cut there, as Dapr does. The JDK client
 * is asynchronous: no thread waits on the remote server.
 */
public class HttpOutputBinding implements OutputBinding, AutoCloseable {

	private static final List<String> OPERATIONS = List.of("create", "get", "head", "post", "put", "patch", "delete",
			"options", "trace");

	private static final String JSON = "application/json; charset=utf-8";

	private final String url;

	private final URI base;

	private final @Nullable Duration timeout;

	private final long maxResponseBodySize;

	private final boolean errorIfNot2xx;

	private final @Nullable String tokenHeader;

	private final @Nullable String token;

	private final HttpClient client;

	HttpOutputBinding(String url, URI base, @Nullable Duration timeout, long maxResponseBodySize, boolean errorIfNot2xx,
			@Nullable String tokenHeader, @Nullable String token) {
		this.url = url;
		this.base = base;
		this.timeout = timeout;
		this.maxResponseBodySize = maxResponseBodySize;
		this.errorIfNot2xx = errorIfNot2xx;
		this.tokenHeader = tokenHeader;
		this.token = token;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(15))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		try {
			Map<String, String> metadata = request.metadata();
			String method = request.operation().equals("create") ? "POST"
					: request.operation().toUpperCase(Locale.ROOT);
			boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
			byte[] data = request.data();
			HttpRequest.Builder builder = HttpRequest.newBuilder(target(metadata.get("path")))
				.method(method, (withBody && data != null) ? HttpRequest.BodyPublishers.ofByteArray(data)
						: HttpRequest.BodyPublishers.noBody());
			if (this.timeout != null && !this.timeout.isZero() && !this.timeout.isNegative()) {
				builder.timeout(this.timeout);
			}
			boolean contentType = false;
			boolean accept = false;
			for (Map.Entry<String, String> entry : metadata.entrySet()) {
				String key = entry.getKey();
				if (!key.isEmpty() && key.charAt(0) >= 'A' && key.charAt(0) <= 'Z') {
					builder.header(key, entry.getValue());
					contentType |= key.equalsIgnoreCase("Content-Type");
					accept |= key.equalsIgnoreCase("Accept");
				}
			}
			for (String key : List.of("traceparent", "tracestate", "baggage")) {
				String value = metadata.get(key);
				if (value != null) {
					builder.setHeader(key, value);
				}
			}
			if (withBody && data != null && !contentType) {
				builder.header("Content-Type", JSON);
			}
			if (!accept) {
				builder.header("Accept", JSON);
			}
			if (this.tokenHeader != null && this.token != null) {
				builder.setHeader(this.tokenHeader, this.token);
			}
			boolean errorIfNot2xx = errorIfNot2xx(metadata.get("errorIfNot2XX"));
			return this.client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream())
				.thenApply((response) -> answer(response, errorIfNot2xx))
				.exceptionallyCompose(HttpOutputBinding::describeFailure);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private boolean errorIfNot2xx(@Nullable String requestValue) {
		if (requestValue == null || requestValue.isEmpty()) {
			return this.errorIfNot2xx;
		}
		return dev.bindings.component.ComponentMetadata.isTruthy(requestValue);
	}

	/**
	 * Dapr's {@code strings.TrimRight(url, "/") + "/" + strings.TrimLeft(path, "/")},
	 * refusing a path that would change the scheme, host or port.
	 */
	URI target(@Nullable String path) {
		if (path == null || path.isEmpty()) {
			return this.base;
		}
		if (path.indexOf('\r') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\\') >= 0) {
			throw new IllegalArgumentException("invalid path metadata: it contains forbidden characters");
		}
		String full = this.url.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
		URI target;
		try {
			target = URI.create(full);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid path metadata: " + ex.getMessage());
		}
		if (!Objects.equals(target.getScheme(), this.base.getScheme())
				|| !Objects.equals(target.getHost(), this.base.getHost()) || target.getPort() != this.base.getPort()
				|| target.getRawUserInfo() != null
						&& !Objects.equals(target.getRawUserInfo(), this.base.getRawUserInfo())) {
			throw new IllegalArgumentException("invalid path metadata: it may not change the scheme, host or port");
		}
		return target;
	}

	private BindingResponse answer(HttpResponse<InputStream> response, boolean errorIfNot2xx) {
		byte[] body;
		try (InputStream in = response.body()) {
			body = readAtMost(in, this.maxResponseBodySize);
		}
		catch (IOException ex) {
			throw new CompletionException(new IOException("error reading response body: " + ex.getMessage(), ex));
		}
		int status = response.statusCode();
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("statusCode", String.valueOf(status));
		HttpStatus known = HttpStatus.resolve(status);
		metadata.put("status", status + ((known != null) ? " " + known.getReasonPhrase() : ""));
		HttpHeaders headers = response.headers();
		headers.map().forEach((name, values) -> metadata.put(canonical(name), String.join(", ", values)));
		BindingResponse answer = BindingResponse.of(body, metadata);
		if (errorIfNot2xx && (status < 200 || status > 299)) {
			throw new CompletionException(new InvocationFailedException("received status code " + status, answer));
		}
		return answer;
	}

	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long remaining = limit;
		int read;
		while (remaining > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining))) != -1) {
			out.write(buffer, 0, read);
			remaining -= read;
		}
		return out.toByteArray();
	}

	private static CompletableFuture<BindingResponse> describeFailure(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof InvocationFailedException || cause instanceof IOException && cause.getMessage() != null
				&& cause.getMessage().startsWith("error reading")) {
			return CompletableFuture.failedFuture(cause);
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return CompletableFuture
			.failedFuture(new IOException("error invoking " + "the HTTP endpoint: " + message, cause));
	}

	/** Go's {@code textproto.CanonicalMIMEHeaderKey}. */
	static String canonical(String name) {
		StringBuilder builder = new StringBuilder(name.length());
		boolean upper = true;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == ' ' || c > 0x7e) {
				return name;
			}
			builder.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
			upper = c == '-';
		}
		return builder.toString();
	}

	@Override
	public void close() {
		// the JDK client (Java 17) has no close; its threads are daemons and end when
		// idle
	}

}
