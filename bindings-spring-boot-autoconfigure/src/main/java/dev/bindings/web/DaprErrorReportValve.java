package dev.bindings.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.bindings.support.golang.GoJson;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for the Dapr API listener in Dapr's JSON shape instead of
 * Tomcat's HTML page: requests the container rejects before the API sees them (an encoded
 * {@code /} or {@code \}, {@code %00}, an invalid request line or an oversized header)
 * answer {@code {"errorCode":"ERR_MALFORMED_REQUEST","message":"..."}}. The message is
 * the status's reason, never part of the request.
 */
public final class DaprErrorReportValve extends ErrorReportValve {

	/**
	 * Create the valve.
	 */
	public DaprErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String reason = (known != null) ? known.getReasonPhrase() : "error";
		String body = new String(GoJson.errorBody((status < 500) ? DaprReply.ERR_MALFORMED_REQUEST : "ERR_INTERNAL",
				"the request was rejected: " + status + " " + reason), StandardCharsets.UTF_8);
		try {
			response.setContentType(DaprReply.APPLICATION_JSON);
			response.setCharacterEncoding("utf-8");
			response.setHeader("X-Content-Type-Options", "nosniff");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone: nobody to answer
		}
	}

}
