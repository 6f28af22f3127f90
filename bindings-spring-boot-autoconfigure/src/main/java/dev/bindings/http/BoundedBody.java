package dev.bindings.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import dev.bindings.support.ResponseSizeLimit;
import org.jspecify.annotations.Nullable;

/**
 * A response body collected in memory, never past a limit: Dapr's
 * {@code maxResponseBodySize} cuts the body silently, the application's
 * {@code bindings.limits.max-response-size} fails the call. Reading stops (the
 * subscription is cancelled, which closes the connection) as soon as either is reached; a
 * {@code Content-Length} above the failing limit fails before anything is read.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Body> {

	/**
	 * The collected body, or the redirect to follow instead.
	 *
	 * @param bytes the body (empty for a redirect that is followed)
	 * @param redirect where the request goes next, or {@code null}
	 */
	record Body(byte[] bytes, HttpOutputBinding.@Nullable Redirect redirect) {

	}

	private final CompletableFuture<Body> result = new CompletableFuture<>();

	private final long cutAt;

	private final long limit;

	private final long contentLength;

	private final HttpOutputBinding.@Nullable Redirect redirect;

	private final Consumer<Flow.Subscription> subscriptions;

	private @Nullable ByteArrayOutputStream out;

	private long size;

	private Flow.@Nullable Subscription subscription;

	/**
	 * A body to collect.
	 * @param cutAt where the body is cut silently ({@link Long#MAX_VALUE} for nowhere)
	 * @param limit the size above which the call fails
	 * @param contentLength the announced length, or -1
	 * @param subscriptions told the subscription, so that a timeout can cancel it
	 */
	BoundedBody(long cutAt, long limit, long contentLength, Consumer<Flow.Subscription> subscriptions) {
		this(cutAt, limit, contentLength, null, subscriptions);
	}

	private BoundedBody(long cutAt, long limit, long contentLength, HttpOutputBinding.@Nullable Redirect redirect,
			Consumer<Flow.Subscription> subscriptions) {
		this.cutAt = cutAt;
		this.limit = limit;
		this.contentLength = contentLength;
		this.redirect = redirect;
		this.subscriptions = subscriptions;
	}

	/**
	 * The body of a redirect that is followed: not read at all.
	 * @param redirect the redirect
	 * @param subscriptions told the subscription
	 * @return the subscriber
	 */
	static BoundedBody skipped(HttpOutputBinding.Redirect redirect, Consumer<Flow.Subscription> subscriptions) {
		return new BoundedBody(0, 0, -1, redirect, subscriptions);
	}

	@Override
	public CompletionStage<Body> getBody() {
		return this.result;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		this.subscriptions.accept(subscription);
		if (this.redirect != null) {
			subscription.cancel();
			this.result.complete(new Body(new byte[0], this.redirect));
			return;
		}
		if (this.contentLength > this.limit && this.cutAt > this.limit) {
			tooLarge();
			return;
		}
		int initial = (int) Math.min(Math.max(this.contentLength, 0),
				Math.min(Math.min(this.cutAt, this.limit), 1 << 16));
		this.out = new ByteArrayOutputStream(Math.max(initial, 32));
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		ByteArrayOutputStream out = this.out;
		if (this.result.isDone() || out == null) {
			return;
		}
		long keep = Math.min(this.cutAt, this.limit);
		for (ByteBuffer buffer : buffers) {
			int remaining = buffer.remaining();
			if (this.size + remaining > keep) {
				if (this.cutAt <= this.limit) {
					// Dapr's maxResponseBodySize: the body is cut, without an error
					int part = (int) (keep - this.size);
					byte[] bytes = new byte[part];
					buffer.get(bytes);
					out.write(bytes, 0, part);
					this.size = keep;
					cancel();
					this.result.complete(new Body(out.toByteArray(), null));
				}
				else {
					tooLarge();
				}
				return;
			}
			byte[] bytes = new byte[remaining];
			buffer.get(bytes);
			out.write(bytes, 0, remaining);
			this.size += remaining;
		}
	}

	private void tooLarge() {
		cancel();
		this.out = null;
		this.result.completeExceptionally(new IOException(
				"error reading response body: the response is " + ResponseSizeLimit.largerThan(this.limit)));
	}

	private void cancel() {
		Flow.Subscription subscription = this.subscription;
		if (subscription != null) {
			subscription.cancel();
		}
	}

	@Override
	public void onError(Throwable failure) {
		this.out = null;
		this.result.completeExceptionally(failure);
	}

	@Override
	public void onComplete() {
		ByteArrayOutputStream out = this.out;
		this.result.complete(new Body((out != null) ? out.toByteArray() : new byte[0], null));
	}

}
