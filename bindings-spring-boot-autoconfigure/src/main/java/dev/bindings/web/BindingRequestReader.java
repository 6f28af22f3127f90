package dev.bindings.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.bindings.BindingRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code POST|PUT /v1.0/bindings/{name}} into a binding's name and request, as
 * daprd reads it: the name query-unescaped from the path, the body up to its size limit,
 * Dapr's envelope (or, as an extension, a binary body with its operation and metadata in
 * the query), a valid {@code baggage} header copied into the metadata. Whatever cannot be
 * read is answered in daprd's words.
 * <p>
 * The {@code baggage} header is the only request header copied into the metadata (as
 * daprd copies it); the trace context ({@code traceparent}, {@code tracestate}) is
 * written by the observation of the invocation, not copied. So no header that carries
 * credentials ({@code Authorization}, {@code Cookie}, the API token, a client certificate
 * forwarded by a proxy) reaches a binding. A request whose metadata, the {@code baggage}
 * entry included, has more entries than the limit is refused {@code 400}
 * {@code ERR_MALFORMED_REQUEST}.
 */
final class BindingRequestReader {

	private static final String METADATA_PREFIX = "metadata.";

	/** How much of an oversized body is read and dropped before answering. */
	private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

	private static final String TEXT_PLAIN_UTF8 = "text/plain;charset=UTF-8";

	private final int maxBodySize;

	private final int maxMetadataEntries;

	private final DaprReply tooManyMetadataEntries;

	/**
	 * Create a reader.
	 * @param maxBodySize the maximum size of a request body in bytes
	 * @param policy the policy whose metadata limit applies
	 */
	BindingRequestReader(long maxBodySize, DaprApiPolicy policy) {
		this.maxBodySize = (int) Math.min(maxBodySize, Integer.MAX_VALUE - 8);
		this.maxMetadataEntries = policy.maxMetadataEntries();
		this.tooManyMetadataEntries = DaprReply.error(400, DaprReply.ERR_MALFORMED_REQUEST,
				policy.tooManyMetadataEntries());
	}

	/**
	 * Read a request.
	 * @param request the HTTP request, a {@code POST} or {@code PUT} of a binding's path
	 * @return the binding's name and request, or the answer that refuses it
	 * @throws IOException if the body cannot be read
	 */
	Read read(HttpServletRequest request) throws IOException {
		String segment = nameSegment(request);
		String name;
		try {
			name = URLDecoder.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Read.refused(new DaprReply(400, TEXT_PLAIN_UTF8,
					("failed to unescape request parameter \"name\". Error: invalid URL escape \""
							+ invalidEscape(segment) + "\"")
						.getBytes(StandardCharsets.UTF_8),
					Map.of()));
		}
		byte[] body = readBody(request);
		if (body == null) {
			return Read.refused(DaprReply.error(400, DaprReply.ERR_MALFORMED_REQUEST,
					"failed deserializing HTTP body: stream too large"));
		}
		BindingRequest bindingRequest;
		String queryString = request.getQueryString();
		Map<String, String> query = (queryString == null || queryString.isEmpty()) ? Map.of()
				: queryParameters(queryString);
		try {
			bindingRequest = isBinary(request.getContentType(), query) ? binaryRequest(body, query)
					: DaprEnvelopeParser.parse(body, 0, body.length, this.maxMetadataEntries);
		}
		catch (MalformedEnvelopeException ex) {
			return Read.refused(DaprReply.error(400, DaprReply.ERR_MALFORMED_REQUEST, ex.getMessage()));
		}
		if (request.getHeader("baggage") != null) {
			String baggageProblem = Baggage.validate(request.getHeaders("baggage"));
			if (baggageProblem != null) {
				return Read.refused(DaprReply.error(400, DaprReply.ERR_MALFORMED_REQUEST,
						"invalid baggage header: " + baggageProblem));
			}
			String baggage = Baggage.join(request.getHeaders("baggage"));
			if (baggage != null) {
				Map<String, String> metadata = new LinkedHashMap<>(bindingRequest.metadata());
				metadata.put("baggage", baggage);
				bindingRequest = new BindingRequest(bindingRequest.operation(), bindingRequest.data(), metadata);
			}
		}
		if (bindingRequest.metadata().size() > this.maxMetadataEntries) {
			return Read.refused(this.tooManyMetadataEntries);
		}
		return new Read(name, bindingRequest, null);
	}

	/**
	 * The whole body, or {@code null} if it is larger than the limit (what the client
	 * still sends is then read and dropped, within reason, so that it gets the answer
	 * instead of a connection reset).
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
	 * The raw (still escaped) name segment of the request's path: its last segment,
	 * trailing slashes ignored. The router has matched the decoded path to a binding's
	 * path, so the last raw segment is the name as the client wrote it.
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
				String key = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair,
						StandardCharsets.UTF_8);
				String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)
						: "";
				parameters.putIfAbsent(key, value);
			}
			catch (IllegalArgumentException ex) {
				// an undecodable pair is ignored, as query parameters are ignored by
				// daprd
			}
		}
		return parameters;
	}

	/**
	 * What {@link #read} found: the binding's name and request, or the answer that
	 * refuses the request.
	 *
	 * @param name the binding's name
	 * @param request the request, {@code null} when refused
	 * @param refusal the answer, {@code null} when the request was read
	 */
	record Read(String name, @Nullable BindingRequest request, @Nullable DaprReply refusal) {

		static Read refused(DaprReply refusal) {
			return new Read("", null, refusal);
		}

	}

}
