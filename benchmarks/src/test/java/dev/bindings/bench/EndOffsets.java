package dev.bindings.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints the sum of the end offsets of each given topic (0 for a topic that does not
 * exist), one {@code topic count} line each: <pre>
 * java -cp ... dev.bindings.bench.EndOffsets localhost:19092 bench-b bench-c
 * </pre>
 */
public final class EndOffsets {

	private EndOffsets() {
	}

	public static void main(String[] args) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
			for (Map.Entry<String, Long> entry : endOffsets(admin, List.of(args).subList(1, args.length)).entrySet()) {
				System.out.println(entry.getKey() + " " + entry.getValue());
			}
		}
	}

	static Map<String, Long> endOffsets(Admin admin, List<String> topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
		Map<String, Long> result = new LinkedHashMap<>();
		for (String topic : topics) {
			long sum = 0;
			if (existing.contains(topic)) {
				TopicDescription description = admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.get(topic);
				Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
				description.partitions()
					.forEach((partition) -> request.put(new TopicPartition(topic, partition.partition()),
							OffsetSpec.latest()));
				for (ListOffsetsResultInfo info : admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values()) {
					sum += info.offset();
				}
			}
			result.put(topic, sum);
		}
		return result;
	}

}
