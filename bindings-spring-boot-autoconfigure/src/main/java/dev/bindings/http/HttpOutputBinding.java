package dev.bindings.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * Requests go to the origin (scheme, host and port) of {@code url} and nowhere else: the
 * request {@code path} can never change it, and a redirect ({@code 301}, {@code 302},
 * {@code 303}, {@code 307}, {@code 308}) is followed only when its {@code Location} is on
 * that origin, at most {@value #MAX_REDIRECTS} times per call ({@code 301} to {@code 303}
 * turn other methods into GET without a body, as in Go). A redirect to another origin is
 * the answer: its status and {@code Location} are in the response metadata, and with
 * {@code errorIfNot2XX} it fails as any other non-2xx status does. So neither the
 * security token nor a forwarded header ever reaches another origin.
 * <p>
 * Each call, its redirects and the reading of the body included, ends within the response
 * timeout. A body larger than the application's limit fails the call with a message
 * naming {@code bindings.limits.max-response-size}, before more than the limit is read; a
 * body over the component's {@code maxResponseBodySize} (when that is smaller) is cut
 * there, as Dapr does. The JDK client is asynchronous: no thread waits on the remote
 * server.
 */
final class HttpOutputBinding implements OutputBinding, AutoCloseable {

	/**
	 * How many redirects to the component's own origin one call follows (the limit of
	 * Go's {@code http.Client}, which Dapr uses); a redirect to another origin is never
	 * followed.
	 */
	static final int MAX_REDIRECTS = 10;

	private static final List<String> OPERATIONS = List.of("create", "get", "head", "post", "put", "patch", "delete",
			"options", "trace");

	private static final String JSON = "application/json; charset=utf-8";

	private final String url;

	private final URI base;

	private final @Nullable Duration timeout;

	private final boolean defaultTimeout;

	private final long cutAt;

	private final long maxResponseSize;

	private final boolean errorIfNot2xx;

	private final @Nullable String tokenHeader;

	private final @Nullable String token;

	private final HttpClient client;

	HttpOutputBinding(String url, URI base, @Nullable Duration timeout, boolean defaultTimeout, long cutAt,
			long maxResponseSize, boolean errorIfNot2xx, @Nullable String tokenHeader, @Nullable String token) {
		this.url = url;
		this.base = base;
		this.timeout = (timeout != null && !timeout.isZero() && !timeout.isNegative()) ? timeout : null;
		this.defaultTimeout = defaultTimeout;
		this.cutAt = cutAt;
		this.maxResponseSize = maxResponseSize;
		this.errorIfNot2xx = errorIfNot2xx;
		this.tokenHeader = tokenHeader;
		this.token = token;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(15))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	/**
	 * How long a call may take, or {@code null} for no limit.
	 * @return the response timeout
	 */
	@Nullable Duration responseTimeout() {
		return this.timeout;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		try {
			Map<String, String> metadata = request.metadata();
			String method = request.operation().equals("create") ? "POST"
					: request.operation().toUpperCase(Locale.ROOT);
			boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
			byte[] data = withBody ? request.data() : null;
			Call call = new Call(headers(metadata, data != null), errorIfNot2xx(metadata.get("errorIfNot2XX")));
			URI target = target(metadata.get("path"));
			CompletableFuture<BindingResponse> answer = call.send(target, method, data, 0);
			if (this.timeout != null) {
				answer = answer.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			CompletableFuture<BindingResponse> result = answer.whenComplete((response, failure) -> {
				if (failure != null) {
					call.abort();
				}
			}).exceptionallyCompose(this::describeFailure);
			// a caller that gives up (cancels the future) ends the exchange too
			result.whenComplete((response, failure) -> {
				if (failure instanceof CancellationException) {
					call.abort();
				}
			});
			return result;
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * The headers of every request of a call, in order; later ones replace earlier ones
	 * of the same name.
	 */
	private List<Map.Entry<String, String>> headers(Map<String, String> metadata, boolean withBody) {
		Map<String, String> headers = new LinkedHashMap<>();
		boolean contentType = false;
		boolean accept = false;
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			String key = entry.getKey();
			if (!key.isEmpty() && key.charAt(0) >= 'A' && key.charAt(0) <= 'Z') {
				headers.put(key, entry.getValue());
				contentType |= key.equalsIgnoreCase("Content-Type");
				accept |= key.equalsIgnoreCase("Accept");
			}
		}
		for (String key : List.of("traceparent", "tracestate", "baggage")) {
			String value = metadata.get(key);
			if (value != null) {
				headers.put(key, value);
			}
		}
		if (withBody && !contentType) {
			headers.put("Content-Type", JSON);
		}
		if (!accept) {
			headers.put("Accept", JSON);
		}
		if (this.tokenHeader != null && this.token != null) {
			headers.put(this.tokenHeader, this.token);
		}
		return List.copyOf(headers.entrySet());
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

	/**
	 * The request a redirect leads to, or {@code null} when the response is the answer:
	 * not a redirect, no usable {@code Location}, or a {@code Location} on another origin
	 * than the component's {@code url}.
	 */
	@Nullable Redirect redirect(URI from, String method, byte @Nullable [] data, HttpResponse.ResponseInfo info) {
		int status = info.statusCode();
		if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
			return null;
		}
		String location = info.headers().firstValue("Location").orElse("");
		if (location.isEmpty()) {
			return null;
		}
		URI target;
		try {
			target = from.resolve(location);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (!sameOrigin(target)) {
			return null;
		}
		if (status == 307 || status == 308) {
			return new Redirect(target, method, data);
		}
		// Go's client: 301, 302 and 303 repeat GET and HEAD, turn the rest into GET
		return new Redirect(target, (method.equals("GET") || method.equals("HEAD")) ? method : "GET", null);
	}

	private boolean sameOrigin(URI target) {
		return target.getScheme() != null && target.getScheme().equalsIgnoreCase(this.base.getScheme())
				&& target.getHost() != null && target.getHost().equalsIgnoreCase(this.base.getHost())
				&& port(target) == port(this.base) && (target.getRawUserInfo() == null
						|| Objects.equals(target.getRawUserInfo(), this.base.getRawUserInfo()));
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private BindingResponse answer(HttpResponse<BoundedBody.Body> response, boolean errorIfNot2xx) {
		int status = response.statusCode();
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("statusCode", String.valueOf(status));
		HttpStatus known = HttpStatus.resolve(status);
		metadata.put("status", status + ((known != null) ? " " + known.getReasonPhrase() : ""));
		HttpHeaders headers = response.headers();
		headers.map().forEach((name, values) -> metadata.put(canonical(name), String.join(", ", values)));
		BindingResponse answer = BindingResponse.of(response.body().bytes(), metadata);
		if (errorIfNot2xx && (status < 200 || status > 299)) {
			throw new CompletionException(new InvocationFailedException("received status code " + status, answer));
		}
		return answer;
	}

	private CompletableFuture<BindingResponse> describeFailure(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof InvocationFailedException || cause instanceof IOException && cause.getMessage() != null
				&& cause.getMessage().startsWith("error reading")) {
			return CompletableFuture.failedFuture(cause);
		}
		String message;
		if (cause instanceof TimeoutException
				|| cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
			message = "no complete response within " + describe(this.timeout) + " (the "
					+ (this.defaultTimeout
							? "default response timeout; set the component's responseTimeout to change it"
							: "component's responseTimeout")
					+ ")";
		}
		else {
			message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		}
		return CompletableFuture.failedFuture(new IOException("error invoking the HTTP endpoint: " + message, cause));
	}

	private static String describe(@Nullable Duration duration) {
		if (duration == null) {
			return "the time allowed";
		}
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	/**
	 * A size for a message: {@code 16MB}, {@code 512KB} or {@code 1000 bytes}.
	 * @param bytes the size
	 * @return the description
	 */

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

	/**
	 * A redirect to follow.
	 *
	 * @param target where the request goes
	 * @param method the method of the request
	 * @param data the body of the request, or {@code null}
	 */
	record Redirect(URI target, String method, byte @Nullable [] data) {

	}

	/**
	 * One call: its requests (the first and the redirects it follows) and the exchange in
	 * flight, which a timeout, a failure or a cancellation aborts.
	 */
	private final class Call {

		private final List<Map.Entry<String, String>> headers;

		private final boolean errorIfNot2xx;

		private final long deadline;

		private volatile @Nullable CompletableFuture<?> inFlight;

		private volatile Flow.@Nullable Subscription subscription;

		private volatile boolean aborted;

		Call(List<Map.Entry<String, String>> headers, boolean errorIfNot2xx) {
			this.headers = headers;
			this.errorIfNot2xx = errorIfNot2xx;
			Duration timeout = HttpOutputBinding.this.timeout;
			this.deadline = (timeout != null) ? System.nanoTime() + timeout.toNanos() : 0;
		}

		CompletableFuture<BindingResponse> send(URI target, String method, byte @Nullable [] data, int redirects) {
			if (this.aborted) {
				return CompletableFuture.failedFuture(new CancellationException("the call was aborted"));
			}
			HttpRequest.Builder builder = HttpRequest.newBuilder(target)
				.method(method, (data != null) ? HttpRequest.BodyPublishers.ofByteArray(data)
						: HttpRequest.BodyPublishers.noBody());
			for (Map.Entry<String, String> header : this.headers) {
				builder.setHeader(header.getKey(), header.getValue());
			}
			if (this.deadline != 0) {
				builder.timeout(Duration.ofNanos(Math.max(this.deadline - System.nanoTime(), 1_000_000)));
			}
			CompletableFuture<HttpResponse<BoundedBody.Body>> sent = HttpOutputBinding.this.client
				.sendAsync(builder.build(), (info) -> body(target, method, data, info));
			this.inFlight = sent;
			if (this.aborted) {
				sent.cancel(true);
			}
			return sent.thenCompose((response) -> {
				Redirect redirect = response.body().redirect();
				if (redirect == null) {
					return CompletableFuture.completedFuture(answer(response, this.errorIfNot2xx));
				}
				if (redirects >= MAX_REDIRECTS) {
					throw new CompletionException(new IOException("stopped after " + MAX_REDIRECTS + " redirects"));
				}
				return send(redirect.target(), redirect.method(), redirect.data(), redirects + 1);
			});
		}

		private BoundedBody body(URI target, String method, byte @Nullable [] data, HttpResponse.ResponseInfo info) {
			Redirect redirect = redirect(target, method, data, info);
			if (redirect != null) {
				return BoundedBody.skipped(redirect, this::subscribed);
			}
			long contentLength = info.headers().firstValueAsLong("Content-Length").orElse(-1);
			return new BoundedBody(HttpOutputBinding.this.cutAt, HttpOutputBinding.this.maxResponseSize, contentLength,
					this::subscribed);
		}

		private void subscribed(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.aborted) {
				subscription.cancel();
			}
		}

		/**
		 * Stops the exchange in flight and any further one: no more waiting, no more
		 * reading.
		 */
		void abort() {
			this.aborted = true;
			Flow.Subscription subscription = this.subscription;
			if (subscription != null) {
				subscription.cancel();
			}
			CompletableFuture<?> inFlight = this.inFlight;
			if (inFlight != null) {
				inFlight.cancel(true);
			}
		}

	}

}
