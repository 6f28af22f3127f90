package dev.bindings.web;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * Dapr's output bindings HTTP API, {@code POST|PUT /v1.0/bindings/{name}}, answering as
 * daprd does: {@code 204} with no body when the binding returns nothing, {@code 200} with
 * the data and {@code metadata.<key>} headers when it returns something, {@code 400}
 * {@code ERR_MALFORMED_REQUEST} for a body that is not a valid envelope, {@code 500}
 * {@code ERR_INVOKE_OUTPUT_BINDING} for every invocation failure. The servlet thread is
 * not held while the binding works, and a request that waits longer than the timeout (30
 * s by default) is answered {@code 500} {@code context deadline exceeded} and its binding
 * call is cancelled (its future is cancelled, as daprd cancels the call's context; a
 * binding that can stop its work then stops it, the others finish it, and its outcome is
 * unknown to the client). A connection that fails while the binding works cancels the
 * call too.
 * <p>
 * Beyond daprd, the {@link DaprApiPolicy} applies: an operation that the binding's
 * allow-list does not name is answered {@code 403} {@code ERR_PERMISSION_DENIED} without
 * reaching the binding.
 * <p>
 * Paths are read as daprd reads them: {@code //} collapses, a trailing slash is ignored,
 * the name is query-unescaped ({@code %2D} is {@code -}, {@code +} is a space) and
 * case-sensitive.
 * <p>
 * Extension (not in Dapr): a request with an {@code operation} query parameter, or whose
 * {@code Content-Type} is not JSON, {@code text/plain} or form-encoded (for example
 * {@code application/octet-stream}), is a <em>binary</em> request: the body bytes go to
 * the binding unchanged, the operation comes from {@code ?operation=} and metadata from
 * {@code ?metadata.<key>=<value>}, the way Dapr's pub/sub API passes metadata.
 */
final class DaprBindingsHandler {

	private static final String METADATA_PREFIX = "metadata.";

	private final BindingClient client;

	private final BindingRequestReader reader;

	private final DaprApiPolicy policy;

	private final long timeoutMillis;

	/**
	 * Create a handler.
	 * @param client the client that invokes bindings
	 * @param maxBodySize the maximum size of a request body in bytes
	 * @param timeout how long a request waits for its binding before it is answered
	 * {@code 500} {@code context deadline exceeded} and the call is cancelled; zero or
	 * negative for no limit
	 * @param policy what callers of the API may ask of the bindings
	 */
	DaprBindingsHandler(BindingClient client, long maxBodySize, Duration timeout, DaprApiPolicy policy) {
		this.client = client;
		this.reader = new BindingRequestReader(maxBodySize, policy);
		this.policy = policy;
		this.timeoutMillis = (timeout.isNegative() || timeout.isZero()) ? 0 : Math.max(1, timeout.toMillis());
	}

	/**
	 * Invoke an output binding. The answer is written when the binding completes, without
	 * holding the servlet thread meanwhile and without dispatching the request a second
	 * time: a servlet {@link AsyncContext} is started only when the binding has not
	 * answered by the time this method returns.
	 * @param request the HTTP request, a {@code POST} or {@code PUT} of a binding's path
	 * @param response the HTTP response
	 * @throws IOException if the body cannot be read or the answer cannot be written
	 */
	void invoke(HttpServletRequest request, HttpServletResponse response) throws IOException {
		BindingRequestReader.Read read = this.reader.read(request);
		DaprReply refusal = read.refusal();
		if (refusal != null) {
			refusal.write(response);
			return;
		}
		String name = read.name();
		BindingRequest bindingRequest = Objects.requireNonNull(read.request());
		if (!this.policy.allows(name, bindingRequest.operation())) {
			DaprReply.error(403, DaprReply.ERR_PERMISSION_DENIED, this.policy.denied(name, bindingRequest.operation()))
				.write(response);
			return;
		}
		CompletableFuture<BindingResponse> outcome = this.client.invokeAsync(name, bindingRequest);
		if (outcome.isDone()) {
			reply(name, outcome).write(response);
			return;
		}
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(this.timeoutMillis);
		PendingReply pending = new PendingReply(name, async, outcome);
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

	private static DaprReply success(BindingResponse response) {
		byte[] data = response.data();
		if (data == null) {
			return DaprReply.NO_CONTENT;
		}
		return new DaprReply(200, DaprReply.APPLICATION_JSON, data, metadataHeaders(response.metadata()));
	}

	private static DaprReply failure(String name, Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		BindingException exception = (cause instanceof BindingException bindingException) ? bindingException
				: new BindingException(name, String.valueOf(cause.getMessage()), cause);
		DaprReply error = DaprReply.error(500, DaprReply.ERR_INVOKE_OUTPUT_BINDING, exception.getMessage());
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
	 * The answer to a request whose binding completes after {@link #invoke} returned:
	 * written once, by the binding's completion or by the timeout, whichever comes first;
	 * the timeout, and a failed connection, cancel the binding's call. A body that fits
	 * the response buffer is written by the completing thread (no I/O happens before
	 * {@link AsyncContext#complete()}, which hands the rest to the container); a larger
	 * one is written on a container thread, so that a slow client never holds a binding's
	 * thread.
	 */
	private static final class PendingReply extends AtomicBoolean
			implements AsyncListener, BiConsumer<BindingResponse, Throwable> {

		private final String name;

		private final AsyncContext async;

		private final CompletableFuture<BindingResponse> outcome;

		PendingReply(String name, AsyncContext async, CompletableFuture<BindingResponse> outcome) {
			this.name = name;
			this.async = async;
			this.outcome = outcome;
		}

		@Override
		public void accept(@Nullable BindingResponse response, @Nullable Throwable failure) {
			if (compareAndSet(false, true)) {
				send((failure != null) ? failure(this.name, failure) : success(Objects.requireNonNull(response)));
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			if (compareAndSet(false, true)) {
				send(DaprReply.error(500, DaprReply.ERR_INVOKE_OUTPUT_BINDING,
						new BindingException(this.name, "context deadline exceeded", null).getMessage()));
				this.outcome.cancel(false);
			}
		}

		@Override
		public void onError(AsyncEvent event) {
			// the connection failed: nobody to answer, nobody waiting for the outcome
			if (compareAndSet(false, true)) {
				this.outcome.cancel(false);
			}
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
