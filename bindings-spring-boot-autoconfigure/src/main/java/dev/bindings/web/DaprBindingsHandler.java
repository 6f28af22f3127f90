package dev.bindings.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Dapr's output bindings HTTP API, {@code POST|PUT /v1.0/bindings/{name}}, answering as daprd
 * does: {@code 204} with no body when the binding returns nothing, {@code 200} with the data
 * and {@code metadata.<key>} headers when it returns something, {@code 400}
 * {@code ERR_MALFORMED_REQUEST} for a body that is not a valid envelope, {@code 500}
 * {@code ERR_INVOKE_OUTPUT_BINDING} for every invocation failure. The servlet thread is not
 * held while the binding works, and a request that waits longer than the timeout (30 s by
 * default) is answered {@code 500} {@code context deadline exceeded} (its binding call goes on; its
 * outcome is unknown to the client, as after a timeout in daprd).
 * <p>
 * Paths are read as daprd reads them: {@code //} collapses, a trailing slash is ignored, the
 * name is query-unescaped ({@code %2D} is {@code -}, {@code +} is a space) and
 * case-sensitive.
 * <p>
 * Extension (not in Dapr): a request with an {@code operation} query parameter, or whose
 * {@code Content-Type} is not JSON, {@code text/plain} or form-encoded (for example
 * {@code application/octet-stream}), is a <em>binary</em> request: the body bytes go to the
 * binding unchanged, the operation comes from {@code ?operation=} and metadata from
 * {@code ?metadata.<key>=<value>}, the way Dapr's pub/sub API passes metadata.
 */
final class DaprBindingsHandler {

	static final String ERR_INVOKE_OUTPUT_BINDING = "ERR_INVOKE_OUTPUT_BINDING";

	private static final String METADATA_PREFIX = "metadata.";

	/** How much of an oversized body is read and dropped before answering. */
	private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

	private static final String TEXT_PLAIN_UTF8 = "text/plain;charset=UTF-8";

	private final BindingClient client;

	private final int maxBodySize;

	private final long timeoutMillis;

	/**
	 * Create a handler.
	 * @param client the client that invokes bindings
	 * @param maxBodySize the maximum size of a request body in bytes
	 * @param timeout how long a request waits for its binding before it is answered
	 * {@code 500} {@code context deadline exceeded}; zero or negative for no limit
	 */
	DaprBindingsHandler(BindingClient client, long maxBodySize, Duration timeout) {
		this.client = client;
		this.maxBodySize = (int) Math.min(maxBodySize, Integer.MAX_VALUE - 8);
		this.timeoutMillis = (timeout.isNegative() || timeout.isZero()) ? 0 : Math.max(1, timeout.toMillis());
	}

	/**
	 * Invoke an output binding. The answer is written when the binding completes, without
	 * holding the servlet thread meanwhile and without dispatching the request a second time:
	 * a servlet {@link AsyncContext} is started only when the binding has not answered by the
	 * time this method returns.
	 * @param request the HTTP request, a {@code POST} or {@code PUT} of a binding's path
	 * @param response the HTTP response
	 * @throws IOException if the body cannot be read or the answer cannot be written
	 */
	void invoke(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String segment = nameSegment(request);
		String name;
		try {
			name = URLDecoder.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			new DaprReply(400, TEXT_PLAIN_UTF8,
					("failed to unescape request parameter \"name\". Error: invalid URL escape \""
							+ invalidEscape(segment) + "\"").getBytes(StandardCharsets.UTF_8),
					Map.of())
				.write(response);
			return;
		}
		byte[] body = readBody(request);
		if (body == null) {
			DaprReply.error(400, DaprReply.ERR_MALFORMED_REQUEST, "failed deserializing HTTP body: stream too large")
				.write(response);
			return;
		}
		BindingRequest bindingRequest;
		String queryString = request.getQueryString();
		Map<String, String> query = (queryString == null || queryString.isEmpty()) ? Map.of()
				: queryParameters(queryString);
		try {
			bindingRequest = isBinary(request.getContentType(), query) ? binaryRequest(body, query)
					: DaprEnvelopeParser.parse(body, 0, body.length);
		}
		catch (MalformedEnvelopeException ex) {
			DaprReply.error(400, DaprReply.ERR_MALFORMED_REQUEST, ex.getMessage()).write(response);
			return;
		}
		if (request.getHeader("baggage") != null) {
			String baggageProblem = Baggage.validate(request.getHeaders("baggage"));
			if (baggageProblem != null) {
				DaprReply.error(400, DaprReply.ERR_MALFORMED_REQUEST, "invalid baggage header: " + baggageProblem)
					.write(response);
				return;
			}
			String baggage = Baggage.join(request.getHeaders("baggage"));
			if (baggage != null) {
				Map<String, String> metadata = new LinkedHashMap<>(bindingRequest.metadata());
				metadata.put("baggage", baggage);
				bindingRequest = new BindingRequest(bindingRequest.operation(), bindingRequest.data(), metadata);
			}
		}
		CompletableFuture<BindingResponse> outcome = this.client.invokeAsync(name, bindingRequest);
		if (outcome.isDone()) {
			reply(name, outcome).write(response);
			return;
		}
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(this.timeoutMillis);
		PendingReply pending = new PendingReply(name, async);
		async.addListener(pending);
		outcome.whenComplete(pending);
	}

	private static DaprReply reply(String name, CompletableFuture<BindingResponse> outcome) {
		try {
			return success(outcome.join());
		}
		catch (CompletionException | CancellationException ex) {
			return failure(name, ex);
		}
	}

	/**
	 * The whole body, or {@code null} if it is larger than the limit (what the client still
	 * sends is then read and dropped, within reason, so that it gets the answer instead of a
	 * connection reset).
	 */
	private byte @Nullable [] readBody(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		try (InputStream in = request.getInputStream()) {
			if (declared >= 0 && declared <= this.maxBodySize) {
				// the usual case: one array of the declared size, no copies
				return in.readNBytes((int) declared);
			}
			if (declared < 0) {
				byte[] body = in.readNBytes(this.maxBodySize + 1);
				if (body.length <= this.maxBodySize) {
					return body;
				}
			}
			long drained = 0;
			byte[] sink = new byte[8192];
			int read;
			while (drained < DRAIN_LIMIT && (read = in.read(sink)) != -1) {
				drained += read;
			}
			return null;
		}
	}

	/**
	 * The raw (still escaped) name segment of the request's path: its last segment, trailing
	 * slashes ignored. The router has matched the decoded path to a binding's path, so the
	 * last raw segment is the name as the client wrote it.
	 */
	private static String nameSegment(HttpServletRequest request) {
		String path = request.getRequestURI();
		int end = path.length();
		while (end > 1 && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
	}

	private static String invalidEscape(String segment) {
		int index = segment.indexOf('%');
		while (index >= 0) {
			String escape = segment.substring(index, Math.min(index + 3, segment.length()));
			if (escape.length() < 3 || Character.digit(escape.charAt(1), 16) < 0
					|| Character.digit(escape.charAt(2), 16) < 0) {
				return escape;
			}
			index = segment.indexOf('%', index + 3);
		}
		return segment;
	}

	private static boolean isBinary(@Nullable String contentType, Map<String, String> query) {
		if (query.containsKey("operation")) {
			return true;
		}
		if (contentType == null || contentType.isBlank()) {
			return false;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		int semicolon = type.indexOf(';');
		type = ((semicolon >= 0) ? type.substring(0, semicolon) : type).trim();
		return !(type.equals("application/json") || type.endsWith("+json") || type.equals("text/plain")
				|| type.equals("application/x-www-form-urlencoded") || type.equals("text/json"));
	}

	private static BindingRequest binaryRequest(byte[] body, Map<String, String> query) {
		Map<String, String> metadata = new LinkedHashMap<>();
		query.forEach((key, value) -> {
			if (key.startsWith(METADATA_PREFIX) && key.length() > METADATA_PREFIX.length()) {
				metadata.put(key.substring(METADATA_PREFIX.length()), value);
			}
		});
		String operation = query.get("operation");
		return new BindingRequest((operation != null) ? operation : "", body, metadata);
	}

	private static Map<String, String> queryParameters(@Nullable String queryString) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (queryString == null || queryString.isEmpty()) {
			return parameters;
		}
		for (String pair : queryString.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			try {
				String key = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
				String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)
						: "";
				parameters.putIfAbsent(key, value);
			}
			catch (IllegalArgumentException ex) {
				// an undecodable pair is ignored, as query parameters are ignored by daprd
			}
		}
		return parameters;
	}

	private static DaprReply success(BindingResponse response) {
		byte[] data = response.data();
		if (data == null) {
			return DaprReply.NO_CONTENT;
		}
		return new DaprReply(200, DaprReply.APPLICATION_JSON, data,
				metadataHeaders(response.metadata()));
	}

	private static DaprReply failure(String name, Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		BindingException exception = (cause instanceof BindingException bindingException) ? bindingException
				: new BindingException(name, String.valueOf(cause.getMessage()), cause);
		DaprReply error = DaprReply.error(500, ERR_INVOKE_OUTPUT_BINDING, exception.getMessage());
		BindingResponse response = exception.getResponse();
		if (response == null || response.metadata().isEmpty()) {
			return error;
		}
		// as daprd: the metadata of a response that came with the error, as headers
		return new DaprReply(error.status(), error.contentType(), error.body(), metadataHeaders(response.metadata()));
	}

	private static Map<String, String> metadataHeaders(Map<String, String> metadata) {
		if (metadata.isEmpty()) {
			return Map.of();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		metadata.forEach((key, value) -> headers.put(METADATA_PREFIX + key, value));
		return headers;
	}

	/**
	 * The answer to a request whose binding completes after {@link #invoke} returned: written
	 * once, by the binding's completion or by the timeout, whichever comes first. A body that
	 * fits the response buffer is written by the completing thread (no I/O happens before
	 * {@link AsyncContext#complete()}, which hands the rest to the container); a larger one is
	 * written on a container thread, so that a slow client never holds a binding's thread.
	 */
	private static final class PendingReply extends AtomicBoolean
			implements AsyncListener, BiConsumer<BindingResponse, Throwable> {

		private final String name;

		private final AsyncContext async;

		PendingReply(String name, AsyncContext async) {
			this.name = name;
			this.async = async;
		}

		@Override
		public void accept(@Nullable BindingResponse response, @Nullable Throwable failure) {
			if (compareAndSet(false, true)) {
				send((failure != null) ? failure(this.name, failure)
						: success(Objects.requireNonNull(response)));
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			if (compareAndSet(false, true)) {
				send(DaprReply.error(500, ERR_INVOKE_OUTPUT_BINDING,
						new BindingException(this.name, "context deadline exceeded", null).getMessage()));
			}
		}

		@Override
		public void onError(AsyncEvent event) {
			// the connection failed: nobody to answer
			set(true);
		}

		@Override
		public void onComplete(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

		private void send(DaprReply reply) {
			byte[] body = reply.body();
			if (body == null || body.length <= this.async.getResponse().getBufferSize()) {
				writeAndComplete(reply);
			}
			else {
				this.async.start(() -> writeAndComplete(reply));
			}
		}

		private void writeAndComplete(DaprReply reply) {
			try {
				reply.write((HttpServletResponse) this.async.getResponse());
			}
			catch (IOException | RuntimeException ex) {
				// the client is gone, or the container has given up on the request
			}
			finally {
				try {
					this.async.complete();
				}
				catch (IllegalStateException ex) {
					// already completed by the container (an error on the connection)
				}
			}
		}

	}

}
