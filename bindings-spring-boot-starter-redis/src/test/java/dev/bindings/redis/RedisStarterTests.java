package dev.bindings.redis;

import dev.bindings.OutputBinding;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code bindings-spring-boot-starter-redis} as its only dependency
 * and one {@code bindings.redis} component as its only configuration. The binding
 * connects on the first request, so startup needs no server.
 */
@SpringBootTest(classes = RedisStarterTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components.cache.type=bindings.redis",
				"bindings.components.cache.metadata.redisHost=127.0.0.1:6379" })
class RedisStarterTests {

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void startsWithoutAnySpringDataRedisProperty() {
		assertThat(Binder.get(this.context.getEnvironment())
			.bind("spring.data.redis", Bindable.mapOf(String.class, Object.class))
			.isBound()).isFalse();
		assertThat(this.context.isRunning()).isTrue();
	}

	@Test
	void springBootRedisConnectionFactoryIsNotAutoConfigured() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
	}

	@Test
	void factoryOfTheTypeIsAutoConfigured() {
		assertThat(this.context.getBeansOfType(OutputBindingFactory.class).values())
			.hasAtLeastOneElementOfType(RedisOutputBindingFactory.class);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		assertThat(this.context.getBean("cache", OutputBinding.class)).isInstanceOf(RedisOutputBinding.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
