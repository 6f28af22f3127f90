package dev.bindings.web;

import java.io.IOException;
import java.util.Map;

import dev.bindings.support.golang.GoJson;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * An answer of Dapr's HTTP API: status, content type and body (both {@code null} for
 * none), and headers.
 *
 * @param status the HTTP status
 * @param contentType the content type, {@code null} without a body
 * @param body the body, {@code null} for none
 * @param headers further headers
 */
record DaprReply(int status, @Nullable String contentType, byte @Nullable [] body, Map<String, String> headers) {

	static final String APPLICATION_JSON = "application/json";

	static final String ERR_MALFORMED_REQUEST = "ERR_MALFORMED_REQUEST";

	static final String ERR_DIRECT_INVOKE = "ERR_DIRECT_INVOKE";

	static final String ERR_INVOKE_OUTPUT_BINDING = "ERR_INVOKE_OUTPUT_BINDING";

	static final String ERR_PERMISSION_DENIED = "ERR_PERMISSION_DENIED";

	/** daprd's answer to a route it does not serve (its service invocation fallback). */
	static final DaprReply NOT_FOUND = error(HttpServletResponse.SC_NOT_FOUND, ERR_DIRECT_INVOKE,
			"failed getting app id either from the URL path or the header dapr-app-id");

	static final DaprReply NO_CONTENT = new DaprReply(HttpServletResponse.SC_NO_CONTENT, null, null, Map.of());

	/**
	 * A Dapr error: {@code {"errorCode":"...","message":"..."}},
	 * {@code application/json}.
	 * @param status the HTTP status
	 * @param errorCode Dapr's error code
	 * @param message the message
	 * @return the answer
	 */
	static DaprReply error(int status, String errorCode, String message) {
		return new DaprReply(status, APPLICATION_JSON, GoJson.errorBody(errorCode, message), Map.of());
	}

	/**
	 * Write this answer.
	 * @param response the response
	 * @throws IOException if the body cannot be written
	 */
	void write(HttpServletResponse response) throws IOException {
		response.setStatus(this.status);
		this.headers.forEach(response::addHeader);
		byte[] body = this.body;
		if (body != null) {
			response.setContentType(this.contentType);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
		}
	}

}
