package dev.bindings.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import dev.bindings.component.RequestMetadata;
import dev.bindings.support.Failures;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;

/**
 * A {@code bindings.redis} component, as Dapr's: request metadata {@code key} is required
 * ({@code redis binding: missing key in request metadata}), and
 * <ul>
 * <li>{@code create} runs {@code SET key <data bytes>} (over HTTP a JSON string keeps its
 * quotes) and returns nothing;</li>
 * <li>{@code get} returns the value, or empty data when the key does not exist; with
 * request metadata {@code delete: "true"} it runs {@code GETDEL};</li>
 * <li>{@code delete} runs {@code DEL} and returns nothing;</li>
 * <li>{@code increment} runs {@code INCR} and returns nothing.</li>
 * </ul>
 * After {@code create} and {@code increment}, request metadata {@code ttl} (or
 * {@code ttlInSeconds}), a Go duration or whole seconds, sends
 * {@code EXPIRE key <seconds>}.
 * <p>
 * Commands run on Lettuce's asynchronous API: no caller thread waits. The connection is
 * opened on the first request, so the application starts while Redis is down; once open,
 * Lettuce reconnects it by itself, and a failed first connection is tried again on the
 * next request.
 */
final class RedisOutputBinding implements OutputBinding, AutoCloseable {

	private static final List<String> OPERATIONS = List.of("create", "get", "delete", "increment");

	private static final byte[] EMPTY = new byte[0];

	private final LettuceConnectionFactory connectionFactory;

	private final LettuceConnectionProvider connectionProvider;

	private final Object connectionMonitor = new Object();

	private @Nullable CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection;

	private volatile boolean closed;

	/**
	 * Create a binding.
	 * @param connectionFactory the connection factory, started; destroyed with the
	 * binding
	 * @param connectionProvider hands out connections of the factory's client
	 * asynchronously, with byte arrays as keys and values
	 */
	RedisOutputBinding(LettuceConnectionFactory connectionFactory, LettuceConnectionProvider connectionProvider) {
		this.connectionFactory = connectionFactory;
		this.connectionProvider = connectionProvider;
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		Map<String, String> metadata = request.metadata();
		String key = metadata.get("key");
		if (key == null || key.isEmpty()) {
			return failed("redis binding: missing key in request metadata");
		}
		byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
		String operation = request.operation();
		Duration ttl = null;
		if (operation.equals("create") || operation.equals("increment")) {
			try {
				ttl = RequestMetadata.ttl(metadata);
			}
			catch (IllegalArgumentException ex) {
				return failed(ex.getMessage());
			}
		}
		Duration expiry = ttl;
		return commands().thenCompose((redis) -> switch (operation) {
			case "create" ->
				expire(redis, redis.set(keyBytes, (request.data() != null) ? request.data() : EMPTY), keyBytes, expiry);
			case "get" -> ("true".equals(metadata.get("delete")) ? redis.getdel(keyBytes) : redis.get(keyBytes))
				.thenApply((value) -> BindingResponse.of((value != null) ? value : EMPTY, Map.of()));
			case "delete" -> redis.del(keyBytes).thenApply((deleted) -> BindingResponse.noContent());
			case "increment" -> expire(redis, redis.incr(keyBytes), keyBytes, expiry);
			default ->
				CompletableFuture.failedFuture(new InvocationFailedException("invalid operation type: " + operation));
		}).handle(RedisOutputBinding::result);
	}

	private static CompletionStage<BindingResponse> expire(RedisAsyncCommands<byte[], byte[]> redis,
			CompletionStage<?> command, byte[] key, @Nullable Duration ttl) {
		return command.thenCompose(
				(done) -> (ttl != null) ? redis.expire(key, ttl.toSeconds()) : CompletableFuture.completedFuture(null))
			.thenApply((done) -> BindingResponse.noContent());
	}

	@Override
	public CompletableFuture<Void> ping() {
		return commands().thenCompose(RedisAsyncCommands::ping)
			.<Void>thenApply((pong) -> null)
			.handle(RedisOutputBinding::result);
	}

	private CompletableFuture<RedisAsyncCommands<byte[], byte[]>> commands() {
		if (this.closed) {
			return CompletableFuture
				.failedFuture(new InvocationFailedException("redis binding: the binding is closed"));
		}
		return connection().thenApply(StatefulRedisConnection::async);
	}

	@SuppressWarnings("unchecked")
	private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection() {
		synchronized (this.connectionMonitor) {
			CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current = this.connection;
			if (current != null && !current.isCompletedExceptionally()) {
				return current;
			}
			CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connecting;
			try {
				connecting = this.connectionProvider.getConnectionAsync(StatefulRedisConnection.class)
					.thenApply((opened) -> (StatefulRedisConnection<byte[], byte[]>) opened)
					.toCompletableFuture();
			}
			catch (RuntimeException ex) {
				connecting = CompletableFuture.failedFuture(ex);
			}
			this.connection = connecting;
			return connecting;
		}
	}

	private static <T extends @Nullable Object> T result(T value, @Nullable Throwable failure) {
		if (failure == null) {
			return value;
		}
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof InvocationFailedException) {
			throw (InvocationFailedException) cause;
		}
		throw new InvocationFailedException(Failures.describe(cause), cause);
	}

	private static CompletableFuture<BindingResponse> failed(@Nullable String message) {
		return CompletableFuture.failedFuture(new InvocationFailedException(String.valueOf(message)));
	}

	/**
	 * The connection factory of this binding.
	 * @return the connection factory
	 */
	LettuceConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	@Override
	public void close() {
		this.closed = true;
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current;
		synchronized (this.connectionMonitor) {
			current = this.connection;
			this.connection = null;
		}
		if (current != null) {
			current.thenAccept(this.connectionProvider::releaseAsync);
		}
		// shuts the client down, closing its connections
		this.connectionFactory.destroy();
	}

}
