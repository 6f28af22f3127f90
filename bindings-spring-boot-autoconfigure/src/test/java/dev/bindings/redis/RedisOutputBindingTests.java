package dev.bindings.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bindings.BindingException;
import dev.bindings.autoconfigure.BindingsAutoConfiguration;
import dev.bindings.autoconfigure.RedisBindingsAutoConfiguration;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import dev.bindings.test.LocalServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code bindings.redis} against the local Redis server, read back with an
 * independent client.
 */
class RedisOutputBindingTests {

	private static DefaultOutputBindingRegistry registry;

	private static DefaultBindingClient client;

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> connection;

	private static RedisCommands<String, String> redis;

	@BeforeAll
	static void connect() {
		LocalServers.require("Redis", "127.0.0.1", 6379);
		registry = new DefaultOutputBindingRegistry(List.of(new ComponentDefinition("cache", "bindings.redis", "v1",
				Map.of("redisHost", "127.0.0.1:6379"), List.of(), false, null, "test")),
				List.of(new RedisOutputBindingFactory()));
		client = new DefaultBindingClient(registry, JsonMapper.builder().build()::writeValueAsBytes);
		redisClient = RedisClient.create("redis://127.0.0.1:6379");
		connection = redisClient.connect();
		redis = connection.sync();
	}

	@AfterAll
	static void close() {
		if (registry != null) {
			registry.destroy();
			connection.close();
			redisClient.shutdown();
		}
	}

	private static String key() {
		return "bindings-test-" + UUID.randomUUID();
	}

	@Test
	void createStoresTheDataBytesQuotesIncluded() {
		String key = key();
		assertThat(client.invoke("cache", "create", "v", Map.of("key", key)).hasContent()).isFalse();
		assertThat(redis.get(key)).isEqualTo("\"v\"");
		assertThat(redis.ttl(key)).isEqualTo(-1);
	}

	@Test
	void createWithTtlSetsTheExpiry() {
		String key = key();
		client.invoke("cache", "create", "v", Map.of("key", key, "ttlInSeconds", "100"));
		assertThat(redis.ttl(key)).isBetween(1L, 100L);
		String other = key();
		client.invoke("cache", "create", "v", Map.of("key", other, "ttl", "2m"));
		assertThat(redis.ttl(other)).isBetween(61L, 120L);
	}

	@Test
	void getReturnsTheRawValueAndEmptyForAMissingKey() {
		String key = key();
		redis.set(key, "raw value");
		assertThat(client.invoke("cache", "get", null, Map.of("key", key)).dataAsString()).isEqualTo("raw value");
		assertThat(client.invoke("cache", "get", null, Map.of("key", key())).data()).isEmpty();
	}

	@Test
	void getWithDeleteRemovesTheKey() {
		String key = key();
		redis.set(key, "once");
		assertThat(client.invoke("cache", "get", null, Map.of("key", key, "delete", "true")).dataAsString())
			.isEqualTo("once");
		assertThat(redis.exists(key)).isZero();
	}

	@Test
	void deleteRemovesTheKey() {
		String key = key();
		redis.set(key, "x");
		assertThat(client.invoke("cache", "delete", null, Map.of("key", key)).hasContent()).isFalse();
		assertThat(redis.exists(key)).isZero();
	}

	@Test
	void incrementAddsOneWithAnOptionalTtl() {
		String key = key();
		client.invoke("cache", "increment", null, Map.of("key", key));
		client.invoke("cache", "increment", null, Map.of("key", key, "ttlInSeconds", "50"));
		assertThat(redis.get(key)).isEqualTo("2");
		assertThat(redis.ttl(key)).isBetween(1L, 50L);
	}

	@Test
	void missingKeyIsDaprError() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("cache", "create", "v", Map.of()))
			.withMessage("error invoking output binding cache: redis binding: missing key in request metadata");
	}

	@Test
	void invalidTtlIsDaprError() {
		assertThatExceptionOfType(BindingException.class)
			.isThrownBy(() -> client.invoke("cache", "create", "v", Map.of("key", key(), "ttl", "soon")))
			.withMessage("error invoking output binding cache: ttl value must be a valid integer: actual is 'soon'");
	}

	@Test
	void binaryDataRoundTrips() {
		String key = key();
		byte[] bytes = { 0, (byte) 0xff, 10, 13 };
		client.invoke("cache", "create", bytes, Map.of("key", key));
		assertThat(client.invoke("cache", "get", null, Map.of("key", key)).data()).isEqualTo(bytes);
	}

	@Test
	void pingAnswers() {
		assertThat(registry.ping("cache")).succeedsWithin(java.time.Duration.ofSeconds(10));
	}

	@Test
	void unreachableServerFailsWithoutShowingThePassword() throws Exception {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		DefaultOutputBindingRegistry wrong = new DefaultOutputBindingRegistry(
				List.of(new ComponentDefinition("locked", "bindings.redis", "v1",
						Map.of("redisHost", "127.0.0.1:" + closedPort, "redisPassword", "pa55-secret"), List.of(), false, null,
						"test")),
				List.of(new RedisOutputBindingFactory()));
		try {
			DefaultBindingClient locked = new DefaultBindingClient(wrong, JsonMapper.builder().build()::writeValueAsBytes);
			assertThatExceptionOfType(BindingException.class)
				.isThrownBy(() -> locked.invoke("locked", "get", null, Map.of("key", "k")))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("pa55-secret"));
		}
		finally {
			wrong.destroy();
		}
	}

	@Test
	void autoConfigurationCreatesTheBinding() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					RedisBindingsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("bindings.components-path=", "bindings.components.cache.type=bindings.redis",
					"bindings.components.cache.metadata.redisHost=127.0.0.1:6379")
			.run((context) -> assertThat(context).hasBean("cache"));
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
