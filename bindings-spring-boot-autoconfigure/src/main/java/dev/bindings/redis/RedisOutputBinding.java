package dev.bindings.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentMetadata;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

/**
 * A {@code bindings.redis} component, on Lettuce's asynchronous API (no caller thread waits):
 * <ul>
 * <li>{@code create}: {@code SET key <data>} (so a JSON string keeps its quotes), then
 * {@code EXPIRE} with request metadata {@code ttlInSeconds} or {@code ttl};</li>
 * <li>{@code get}: the value, empty when the key is missing; {@code GETDEL} with request
 * metadata {@code delete: "true"};</li>
 * <li>{@code delete}: {@code DEL}; {@code increment}: {@code INCR}, then {@code EXPIRE} with a
 * TTL.</li>
 * </ul>
 * Request metadata {@code key} is required. The connection is opened lazily and shared.
 */
public class RedisOutputBinding implements OutputBinding, AutoCloseable {

	private static final List<String> OPERATIONS = List.of("create", "get", "delete", "increment");

	private final RedisClient client;

	private volatile @Nullable StatefulRedisConnection<byte[], byte[]> connection;

	RedisOutputBinding(RedisURI uri) {
		this.client = RedisClient.create(uri);
		this.client.setDefaultTimeout(Duration.ofSeconds(10));
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	private RedisAsyncCommands<byte[], byte[]> commands() {
		StatefulRedisConnection<byte[], byte[]> current = this.connection;
		if (current == null || !current.isOpen()) {
			synchronized (this) {
				current = this.connection;
				if (current == null || !current.isOpen()) {
					current = this.client.connect(ByteArrayCodec.INSTANCE);
					this.connection = current;
				}
			}
		}
		return current.async();
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		try {
			Map<String, String> metadata = request.metadata();
			String key = metadata.get("key");
			if (key == null || key.isEmpty()) {
				throw new IllegalArgumentException("redis binding: missing key in request metadata");
			}
			byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
			Long ttl = ttl(metadata);
			RedisAsyncCommands<byte[], byte[]> redis = commands();
			CompletionStage<BindingResponse> result = switch (request.operation()) {
				case "create" -> {
					byte[] data = (request.data() != null) ? request.data() : new byte[0];
					yield expire(redis, redis.set(keyBytes, data), keyBytes, ttl);
				}
				case "get" -> ("true".equals(metadata.get("delete")) ? redis.getdel(keyBytes) : redis.get(keyBytes))
					.thenApply((value) -> BindingResponse.of((value != null) ? value : new byte[0], Map.of()));
				case "delete" -> redis.del(keyBytes).thenApply((deleted) -> BindingResponse.noContent());
				case "increment" -> expire(redis, redis.incr(keyBytes), keyBytes, ttl);
				default -> throw new IllegalArgumentException("unsupported operation " + request.operation());
			};
			return result.toCompletableFuture();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static CompletionStage<BindingResponse> expire(RedisAsyncCommands<byte[], byte[]> redis,
			CompletionStage<?> command, byte[] key, @Nullable Long ttl) {
		return command.thenCompose((done) -> (ttl == null) ? CompletableFuture.completedFuture(true)
				: redis.expire(key, ttl))
			.thenApply((done) -> BindingResponse.noContent());
	}

	/** Dapr's {@code ttlInSeconds}/{@code ttl}: a Go duration or whole seconds, above zero. */
	private static @Nullable Long ttl(Map<String, String> metadata) {
		String value = metadata.get("ttlInSeconds");
		if (value == null || value.isEmpty()) {
			value = metadata.get("ttl");
		}
		if (value == null || value.isEmpty()) {
			return null;
		}
		long seconds;
		try {
			seconds = ComponentMetadata.parseDuration(value).toSeconds();
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("ttl value must be a valid integer: actual is '" + value + "'");
		}
		if (seconds <= 0) {
			throw new IllegalArgumentException("ttl value must be greater than zero: actual is '" + value + "'");
		}
		return seconds;
	}

	@Override
	public CompletableFuture<Void> ping() {
		try {
			return commands().ping().toCompletableFuture().thenApply((pong) -> null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public void close() {
		StatefulRedisConnection<byte[], byte[]> current = this.connection;
		if (current != null) {
			current.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
