package dev.bindings.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.component.ComponentDefinition;
import dev.bindings.kafka.KafkaOutputBindingFactory;
import dev.bindings.localkafka.LocalKafkaBroker;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import dev.bindings.test.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream of requests while the broker goes down and comes back: every request that was
 * acknowledged is in the topic exactly once, every other request was reported as failed,
 * and the binding recovers by itself.
 */
class BrokerOutageTests {

	private static final int REQUESTS = 240;

	@Test
	void acknowledgedRequestsAreInTheTopicExactlyOnceAcrossABrokerRestart() throws Exception {
		try (LocalKafkaBroker broker = LocalKafkaBroker.start("127.0.0.1", 0)) {
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic("outage", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			ComponentDefinition component = new ComponentDefinition("outage", "bindings.kafka", "v1",
					Map.of("brokers", broker.bootstrapServers(), "publishTopic", "outage"), List.of(), false, null,
					"test");
			DefaultOutputBindingRegistry registry = new DefaultOutputBindingRegistry(List.of(component),
					List.of(new KafkaOutputBindingFactory(Map.of(), null, List.of())));
			DefaultBindingClient client = new DefaultBindingClient(registry,
					JsonMapper.builder().build()::writeValueAsBytes);
			Set<String> acknowledged = ConcurrentHashMap.newKeySet();
			Set<String> failed = ConcurrentHashMap.newKeySet();
			List<CompletableFuture<?>> all = new ArrayList<>();
			AtomicInteger acknowledgedBeforeOutage = new AtomicInteger(-1);
			try {
				for (int i = 0; i < REQUESTS; i++) {
					if (i == REQUESTS / 4) {
						broker.stop();
					}
					if (i == REQUESTS / 2) {
						// restart once the requests sent during the outage have been
						// answered
						waitForAll(all);
						broker.restart();
					}
					String id = "request-" + i;
					CompletableFuture<?> request = client
						.invokeAsync("outage", "create", id.getBytes(StandardCharsets.UTF_8), Map.of())
						.handle((response, failure) -> {
							if (failure == null) {
								acknowledged.add(id);
							}
							else {
								assertThat(failure).hasMessageStartingWith("error invoking output binding outage: ");
								failed.add(id);
							}
							return null;
						});
					all.add(request);
					if (i >= REQUESTS / 2 && acknowledged.size() == acknowledgedBeforeOutage.get()) {
						// after the restart: one request at a time until the binding has
						// recovered
						request.get(1, TimeUnit.MINUTES);
						Thread.sleep(100);
					}
					if (i == REQUESTS / 4 - 1) {
						waitForAll(all);
						acknowledgedBeforeOutage.set(acknowledged.size());
					}
					Thread.sleep(5);
				}
				waitForAll(all);
			}
			finally {
				registry.destroy();
			}
			assertThat(acknowledged.size() + failed.size()).isEqualTo(REQUESTS);
			assertThat(failed).as("requests sent while the broker was down failed").isNotEmpty();
			assertThat(acknowledged).as("requests before the outage were acknowledged").contains("request-0");
			assertThat(acknowledged).as("requests after the restart were acknowledged")
				.contains("request-" + (REQUESTS - 1));
			Map<String, Integer> counts = new HashMap<>();
			KafkaTopics.values(broker.bootstrapServers(), "outage")
				.forEach((value) -> counts.merge(value, 1, Integer::sum));
			for (String id : acknowledged) {
				assertThat(counts.get(id)).as("copies of acknowledged " + id).isEqualTo(1);
			}
			assertThat(counts.values()).as("no record is duplicated").allMatch((count) -> count == 1);
		}
	}

	private static void waitForAll(List<CompletableFuture<?>> futures) throws Exception {
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
	}

}
