package dev.bindings.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.bindings.BindingClient;
import dev.bindings.BindingException;
import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dapr's output bindings HTTP API, {@code POST|PUT /v1.0/bindings/{name}}, answering as daprd
 * does: {@code 204} with no body when the binding returns nothing, {@code 200} with the data
 * and {@code metadata.<key>} headers when it returns something, {@code 400}
 * {@code ERR_MALFORMED_REQUEST} for a body that is not a valid envelope, {@code 500}
 * {@code ERR_INVOKE_OUTPUT_BINDING} for every invocation failure, {@code 404}
 * {@code ERR_DIRECT_INVOKE} for other methods. The servlet thread is not held while the
 * binding works.
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
@RestController
public class DaprBindingsController {

	static final String ERR_MALFORMED_REQUEST = "ERR_MALFORMED_REQUEST";

	static final String ERR_INVOKE_OUTPUT_BINDING = "ERR_INVOKE_OUTPUT_BINDING";

	static final String ERR_DIRECT_INVOKE = "ERR_DIRECT_INVOKE";

	private static final String PREFIX = "/v1.0/bindings/";

	private static final String METADATA_PREFIX = "metadata.";

	/** How much of an oversized body is read and dropped before answering. */
	private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

	private final BindingClient client;

	private final int maxBodySize;

	/**
	 * Create a controller.
	 * @param client the client that invokes bindings
	 * @param maxBodySize the maximum size of a request body in bytes
	 */
	public DaprBindingsController(BindingClient client, long maxBodySize) {
		this.client = client;
		this.maxBodySize = (int) Math.min(maxBodySize, Integer.MAX_VALUE - 8);
	}

	/**
	 * Invoke an output binding.
	 * @param request the HTTP request
	 * @return the response
	 * @throws IOException if the body cannot be read
	 */
	@RequestMapping(path = { "/v1.0/bindings/**", "/v1.0//bindings/**" })
	public CompletableFuture<ResponseEntity<byte[]>> invoke(HttpServletRequest request) throws IOException {
		String segment = nameSegment(request);
		String method = request.getMethod();
		if (segment == null || !(method.equals("POST") || method.equals("PUT"))) {
			return done(error(HttpStatus.NOT_FOUND, ERR_DIRECT_INVOKE,
					"failed getting app id either from the URL path or the header dapr-app-id"));
		}
		String name;
		try {
			name = URLDecoder.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return done(ResponseEntity.badRequest()
				.contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
				.body(("failed to unescape request parameter \"name\". Error: invalid URL escape \""
						+ invalidEscape(segment) + "\"").getBytes(StandardCharsets.UTF_8)));
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(this.maxBodySize + 1);
			if (body.length > this.maxBodySize) {
				// read (and drop) what the client still sends, within reason, so that it gets the
				// answer instead of a connection reset
				long drained = 0;
				byte[] sink = new byte[8192];
				int read;
				while (drained < DRAIN_LIMIT && (read = in.read(sink)) != -1) {
					drained += read;
				}
				return done(streamTooLarge());
			}
		}
		BindingRequest bindingRequest;
		Map<String, String> query = queryParameters(request.getQueryString());
		try {
			bindingRequest = isBinary(request.getContentType(), query) ? binaryRequest(body, query)
					: DaprEnvelopeParser.parse(body, 0, body.length);
		}
		catch (MalformedEnvelopeException ex) {
			return done(error(HttpStatus.BAD_REQUEST, ERR_MALFORMED_REQUEST, ex.getMessage()));
		}
		String baggageProblem = Baggage.validate(request.getHeaders("baggage"));
		if (baggageProblem != null) {
			return done(error(HttpStatus.BAD_REQUEST, ERR_MALFORMED_REQUEST, "invalid baggage header: " + baggageProblem));
		}
		String baggage = Baggage.join(request.getHeaders("baggage"));
		if (baggage != null) {
			Map<String, String> metadata = new LinkedHashMap<>(bindingRequest.metadata());
			metadata.put("baggage", baggage);
			bindingRequest = new BindingRequest(bindingRequest.operation(), bindingRequest.data(), metadata);
		}
		return this.client.invokeAsync(name, bindingRequest).handle((response, failure) -> {
			if (failure != null) {
				return failure(name, failure);
			}
			return success(response);
		});
	}

	/**
	 * The raw name segment of {@code /v1.0/bindings/<name>}, after daprd's path cleaning, or
	 * {@code null} when the path has no single name segment.
	 */
	private static @Nullable String nameSegment(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String clean = path.replaceAll("/{2,}", "/");
		while (clean.length() > 1 && clean.endsWith("/")) {
			clean = clean.substring(0, clean.length() - 1);
		}
		if (!clean.startsWith(PREFIX)) {
			return null;
		}
		String segment = clean.substring(PREFIX.length());
		return (segment.isEmpty() || segment.contains("/")) ? null : segment;
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

	private static ResponseEntity<byte[]> success(BindingResponse response) {
		byte[] data = response.data();
		if (data == null) {
			return ResponseEntity.noContent().build();
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		for (Map.Entry<String, String> entry : response.metadata().entrySet()) {
			headers.add(METADATA_PREFIX + entry.getKey(), entry.getValue());
		}
		return new ResponseEntity<>(data, headers, HttpStatus.OK);
	}

	private static ResponseEntity<byte[]> failure(String name, Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		BindingException exception = (cause instanceof BindingException bindingException) ? bindingException
				: new BindingException(name, String.valueOf(cause.getMessage()), cause);
		ResponseEntity<byte[]> error = error(HttpStatus.INTERNAL_SERVER_ERROR, ERR_INVOKE_OUTPUT_BINDING,
				exception.getMessage());
		BindingResponse response = exception.getResponse();
		if (response == null || response.metadata().isEmpty()) {
			return error;
		}
		// as daprd: the metadata of a response that came with the error, as headers
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(error.getHeaders());
		for (Map.Entry<String, String> entry : response.metadata().entrySet()) {
			headers.add(METADATA_PREFIX + entry.getKey(), entry.getValue());
		}
		return new ResponseEntity<>(error.getBody(), headers, error.getStatusCode());
	}

	private static ResponseEntity<byte[]> streamTooLarge() {
		return error(HttpStatus.BAD_REQUEST, ERR_MALFORMED_REQUEST, "failed deserializing HTTP body: stream too large");
	}

	private static CompletableFuture<ResponseEntity<byte[]>> done(ResponseEntity<byte[]> response) {
		return CompletableFuture.completedFuture(response);
	}

	static ResponseEntity<byte[]> error(HttpStatus status, String errorCode, String message) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(GoJson.errorBody(errorCode, message));
	}

}
