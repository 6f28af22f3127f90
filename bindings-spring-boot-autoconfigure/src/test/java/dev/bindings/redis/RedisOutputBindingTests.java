package dev.bindings.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bindings.BindingResponse;
import dev.bindings.InvocationFailedException;
import dev.bindings.OutputBinding;
import dev.bindings.test.LocalServers;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.bindings.test.Bindings.component;
import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@code bindings.redis} binding against the local Redis server, read back
 * with an independent client.
 */
class RedisOutputBindingTests {

	private static final String HOST = "127.0.0.1:6379";

	private static final String SECRET = "Pa55w0rd-Secret";

	private static LettuceConnectionFactory readerConnectionFactory;

	private static StringRedisTemplate redis;

	private final RedisOutputBindingFactory factory = new RedisOutputBindingFactory();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final String key = "bindings-test-" + UUID.randomUUID();

	@BeforeAll
	static void requireServer() {
		LocalServers.require("Redis", "127.0.0.1", 6379);
		readerConnectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		readerConnectionFactory.afterPropertiesSet();
		readerConnectionFactory.start();
		redis = new StringRedisTemplate(readerConnectionFactory);
	}

	@AfterAll
	static void closeReader() {
		if (readerConnectionFactory != null) {
			readerConnectionFactory.destroy();
		}
	}

	@AfterEach
	void cleanUp() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		redis.delete(this.key);
	}

	@Test
	void operationsAreDaprs() {
		assertThat(create(Map.of()).operations()).containsExactly("create", "get", "delete", "increment");
	}

	@Test
	void createSetsTheDataBytesAndReturnsNothing() {
		BindingResponse response = invoke(create(Map.of()), "create", utf8("\"v\""), Map.of("key", this.key));
		assertThat(response.hasContent()).isFalse();
		assertThat(redis.opsForValue().get(this.key)).isEqualTo("\"v\"");
		assertThat(redis.getExpire(this.key)).isEqualTo(-1);
	}

	@Test
	void createStoresBinaryDataUnchanged() {
		byte[] bytes = { 0, 1, (byte) 0xff, '"' };
		invoke(create(Map.of()), "create", bytes, Map.of("key", this.key));
		byte[] stored = redis.execute((connection) -> connection.stringCommands().get(utf8(this.key)), true);
		assertThat(stored).containsExactly(bytes);
	}

	@Test
	void createWithoutDataStoresAnEmptyValue() {
		invoke(create(Map.of()), "create", null, Map.of("key", this.key));
		assertThat(redis.opsForValue().get(this.key)).isEmpty();
	}

	@Test
	void createReplacesTheValueAndItsTtl() {
		redis.opsForValue().set(this.key, "old", Duration.ofHours(1));
		invoke(create(Map.of()), "create", utf8("new"), Map.of("key", this.key));
		assertThat(redis.opsForValue().get(this.key)).isEqualTo("new");
		assertThat(redis.getExpire(this.key)).isEqualTo(-1);
	}

	@Test
	void createWithTtlInSecondsSetsTheExpiry() {
		invoke(create(Map.of()), "create", utf8("x"), Map.of("key", this.key, "ttlInSeconds", "100"));
		assertThat(redis.getExpire(this.key)).isBetween(1L, 100L);
	}

	@Test
	void createWithGoDurationTtlSetsTheExpiry() {
		invoke(create(Map.of()), "create", utf8("x"), Map.of("key", this.key, "ttl", "1h"));
		assertThat(redis.getExpire(this.key)).isBetween(3000L, 3600L);
	}

	@Test
	void ttlKeysMatchCaseInsensitivelyAsInDapr() {
		invoke(create(Map.of()), "create", utf8("x"), Map.of("key", this.key, "TTLInSeconds", "100"));
		assertThat(redis.getExpire(this.key)).isBetween(1L, 100L);
	}

	@Test
	void zeroGoDurationTtlExpiresTheKeyAtOnceAsInDapr() {
		invoke(create(Map.of()), "create", utf8("x"), Map.of("key", this.key, "ttl", "0s"));
		assertThat(redis.hasKey(this.key)).isFalse();
	}

	@Test
	void invalidTtlFailsWithDaprMessageAndWritesNothing() {
		Throwable failure = failure(create(Map.of()), "create", utf8("x"), Map.of("key", this.key, "ttl", "soon"));
		assertThat(failure).isInstanceOf(InvocationFailedException.class)
			.hasMessage("ttl value must be a valid integer: actual is 'soon'");
		assertThat(redis.hasKey(this.key)).isFalse();
	}

	@Test
	void nonPositiveTtlFailsWithDaprMessage() {
		Throwable failure = failure(create(Map.of()), "create", utf8("x"),
				Map.of("key", this.key, "ttlInSeconds", "-5"));
		assertThat(failure).hasMessage("ttl value must be higher than zero: actual is '-5'");
	}

	@Test
	void getReturnsTheRawValue() {
		redis.opsForValue().set(this.key, "{\"a\":1}");
		BindingResponse response = invoke(create(Map.of()), "get", null, Map.of("key", this.key));
		assertThat(response.hasContent()).isTrue();
		assertThat(response.dataAsString()).isEqualTo("{\"a\":1}");
		assertThat(response.metadata()).isEmpty();
		assertThat(redis.hasKey(this.key)).isTrue();
	}

	@Test
	void getOfAMissingKeyReturnsEmptyData() {
		BindingResponse response = invoke(create(Map.of()), "get", null, Map.of("key", this.key));
		assertThat(response.hasContent()).isTrue();
		assertThat(response.data()).isEmpty();
	}

	@Test
	void getWithDeleteTrueUsesGetDel() {
		redis.opsForValue().set(this.key, "once");
		BindingResponse response = invoke(create(Map.of()), "get", null, Map.of("key", this.key, "delete", "true"));
		assertThat(response.dataAsString()).isEqualTo("once");
		assertThat(redis.hasKey(this.key)).isFalse();
	}

	@Test
	void getWithDeleteOtherThanExactlyTrueKeepsTheKey() {
		redis.opsForValue().set(this.key, "kept");
		OutputBinding binding = create(Map.of());
		invoke(binding, "get", null, Map.of("key", this.key, "delete", "TRUE"));
		invoke(binding, "get", null, Map.of("key", this.key, "delete", "1"));
		assertThat(redis.opsForValue().get(this.key)).isEqualTo("kept");
	}

	@Test
	void deleteRemovesTheKeyAndReturnsNothing() {
		redis.opsForValue().set(this.key, "gone");
		BindingResponse response = invoke(create(Map.of()), "delete", null, Map.of("key", this.key));
		assertThat(response.hasContent()).isFalse();
		assertThat(redis.hasKey(this.key)).isFalse();
	}

	@Test
	void deleteOfAMissingKeySucceeds() {
		assertThat(invoke(create(Map.of()), "delete", null, Map.of("key", this.key)).hasContent()).isFalse();
	}

	@Test
	void incrementIncrementsAndReturnsNothing() {
		OutputBinding binding = create(Map.of());
		BindingResponse response = invoke(binding, "increment", null, Map.of("key", this.key));
		assertThat(response.hasContent()).isFalse();
		invoke(binding, "increment", utf8("ignored"), Map.of("key", this.key));
		assertThat(redis.opsForValue().get(this.key)).isEqualTo("2");
		assertThat(redis.getExpire(this.key)).isEqualTo(-1);
	}

	@Test
	void incrementWithTtlSetsTheExpiry() {
		invoke(create(Map.of()), "increment", null, Map.of("key", this.key, "ttlInSeconds", "50"));
		assertThat(redis.opsForValue().get(this.key)).isEqualTo("1");
		assertThat(redis.getExpire(this.key)).isBetween(1L, 50L);
	}

	@Test
	void incrementOfANonNumberFailsWithRedisError() {
		redis.opsForValue().set(this.key, "abc");
		Throwable failure = failure(create(Map.of()), "increment", null, Map.of("key", this.key));
		assertThat(failure).isInstanceOf(InvocationFailedException.class)
			.hasMessage("ERR value is not an integer or out of range");
	}

	@Test
	void missingKeyFailsWithDaprMessage() {
		OutputBinding binding = create(Map.of());
		for (String operation : List.of("create", "get", "delete", "increment")) {
			assertThat(failure(binding, operation, utf8("x"), Map.of()))
				.hasMessage("redis binding: missing key in request metadata");
		}
		assertThat(failure(binding, "get", null, Map.of("key", "")))
			.hasMessage("redis binding: missing key in request metadata");
		// the key is read with its exact case, as in Dapr
		assertThat(failure(binding, "get", null, Map.of("Key", this.key)))
			.hasMessage("redis binding: missing key in request metadata");
	}

	@Test
	void redisDbSelectsTheDatabase() {
		invoke(create(Map.of("redisDB", "3")), "create", utf8("in db 3"), Map.of("key", this.key));
		assertThat(redis.hasKey(this.key)).isFalse();
		LettuceConnectionFactory db3 = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));
		db3.setDatabase(3);
		db3.afterPropertiesSet();
		db3.start();
		try {
			StringRedisTemplate template = new StringRedisTemplate(db3);
			assertThat(template.opsForValue().getAndDelete(this.key)).isEqualTo("in db 3");
		}
		finally {
			db3.destroy();
		}
	}

	@Test
	void aclUserAndPasswordAuthenticate() {
		String user = "bindings-test-" + UUID.randomUUID();
		RedisClient admin = RedisClient.create("redis://127.0.0.1:6379");
		try (StatefulRedisConnection<String, String> connection = admin.connect()) {
			connection.sync().aclSetuser(user, AclSetuserArgs.Builder.on().addPassword(SECRET).allKeys().allCommands());
			try {
				invoke(create(Map.of("redisUsername", user, "redisPassword", SECRET)), "create", utf8("acl"),
						Map.of("key", this.key));
				assertThat(redis.opsForValue().get(this.key)).isEqualTo("acl");
				Throwable failure = failure(create(Map.of("redisUsername", user, "redisPassword", SECRET + "-wrong")),
						"get", null, Map.of("key", this.key));
				assertThat(failure).isInstanceOf(InvocationFailedException.class)
					.hasMessageContaining("WRONGPASS")
					.hasMessageNotContaining(SECRET);
			}
			finally {
				connection.sync().aclDeluser(user);
			}
		}
		finally {
			admin.shutdown();
		}
	}

	@Test
	void pingAnswersWhenRedisIsUp() {
		assertThat(create(Map.of()).ping()).succeedsWithin(Duration.ofSeconds(30));
	}

	@Test
	void unreachableRedisFailsRequestsAndPingWithoutThePassword() {
		OutputBinding binding = create(Map.of("redisHost", "127.0.0.1:1", "redisPassword", SECRET));
		Throwable failure = failure(binding, "get", null, Map.of("key", this.key));
		assertThat(failure).isInstanceOf(InvocationFailedException.class)
			.hasMessageContaining("Connection refused")
			.hasMessageNotContaining(SECRET);
		assertThat(binding.ping()).failsWithin(Duration.ofSeconds(30));
	}

	@Test
	void bindingFailsClearlyAfterClose() throws Exception {
		RedisOutputBinding binding = (RedisOutputBinding) create(Map.of());
		invoke(binding, "get", null, Map.of("key", this.key));
		binding.close();
		assertThat(failure(binding, "get", null, Map.of("key", this.key)))
			.hasMessage("redis binding: the binding is closed");
	}

	@Test
	void missingRedisHostFails() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("redisHost");
		assertThatIllegalArgumentException().isThrownBy(() -> createWith(metadata))
			.withMessage("redis binding: missing redisHost");
	}

	@Test
	void metadataKeysMatchCaseInsensitively() {
		Map<String, String> metadata = metadata(Map.of("REDISHOST", HOST, "redisdb", "0"));
		metadata.remove("redisHost");
		invoke(createWith(metadata), "create", utf8("x"), Map.of("key", this.key));
		assertThat(redis.opsForValue().get(this.key)).isEqualTo("x");
	}

	@Test
	void invalidRedisHostFailsWithoutTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("redisHost", SECRET)))
			.withMessage("redis binding: invalid redisHost: expected host:port");
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("redisHost", "localhost:" + SECRET)))
			.withMessageStartingWith("redis binding: invalid redisHost:")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void invalidRedisDbFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("redisDB", "two")))
			.withMessage("redis binding: invalid redisDB: must be a database number (0 or more)");
	}

	@Test
	void clusterAndFailoverAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("redisType", "cluster")))
			.withMessageStartingWith("redis binding: redisType cluster is not supported");
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("failover", "true")))
			.withMessageStartingWith("redis binding: failover");
		assertThat(create(Map.of("redisType", "node")).operations()).contains("get");
	}

	@Test
	void invalidDurationFailsNamingTheKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("readTimeout", "soon")))
			.withMessage("redis binding: invalid readTimeout: not a duration");
	}

	@Test
	void duplicateKeysFailAsInDapr() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> create(Map.of("redisPassword", SECRET, "REDISPASSWORD", SECRET)))
			.withMessage("key redispassword is duplicate in the metadata");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private Map<String, String> metadata(Map<String, String> overrides) {
		Map<String, String> metadata = new HashMap<>();
		metadata.put("redisHost", HOST);
		metadata.putAll(overrides);
		return metadata;
	}

	private OutputBinding create(Map<String, String> overrides) {
		return createWith(metadata(overrides));
	}

	private OutputBinding createWith(Map<String, String> metadata) {
		OutputBinding binding = this.factory.create(component("redis", "bindings.redis", metadata));
		this.resources.add((AutoCloseable) binding);
		return binding;
	}

}
