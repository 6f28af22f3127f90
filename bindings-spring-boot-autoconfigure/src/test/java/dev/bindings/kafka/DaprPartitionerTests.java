package dev.bindings.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaprPartitioner}, against the FNV-1a vectors of the specification
 * (§4.3).
 */
class DaprPartitionerTests {

	@ParameterizedTest(name = "FNV-1a-32 of \"{0}\" is {1}")
	@CsvSource(delimiter = '|', emptyValue = "", textBlock = """
			key1          | 374a6a67
			order-123     | a508cf1a
			partition-key | 487c3a5b
			a             | e40c292c
			''            | 811c9dc5
			""")
	void hashIsFnv1a32OfTheKeyBytes(String key, String hash) {
		assertThat(DaprPartitioner.fnv1a32(key.getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(Integer.parseUnsignedInt(hash, 16));
	}

	@ParameterizedTest(name = "\"{0}\" goes to partition {1} of 3, {2} of 6 and {3} of 12")
	@CsvSource(delimiter = '|', emptyValue = "", textBlock = """
			key1          | 2 | 5 | 11
			order-123     | 0 | 0 | 6
			partition-key | 0 | 3 | 3
			a             | 0 | 0 | 0
			''            | 0 | 3 | 3
			""")
	void keyedPartitionMatchesSaramasHashPartitioner(String key, int of3, int of6, int of12) {
		byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
		assertThat(DaprPartitioner.partition(bytes, 3)).isEqualTo(of3);
		assertThat(DaprPartitioner.partition(bytes, 6)).isEqualTo(of6);
		assertThat(DaprPartitioner.partition(bytes, 12)).isEqualTo(of12);
	}

	@Test
	void partitionerUsesTheTopicsPartitionCountFromTheCluster() {
		try (DaprPartitioner partitioner = new DaprPartitioner()) {
			byte[] key = "key1".getBytes(StandardCharsets.UTF_8);
			assertThat(partitioner.partition("t", "key1", key, null, null, cluster("t", 12))).isEqualTo(11);
			assertThat(partitioner.partition("t", "key1", key, null, null, cluster("t", 6))).isEqualTo(5);
		}
	}

	@Test
	void recordWithoutKeyGoesToSomePartitionOfTheTopic() {
		try (DaprPartitioner partitioner = new DaprPartitioner()) {
			Cluster cluster = cluster("t", 3);
			Set<Integer> chosen = new HashSet<>();
			for (int i = 0; i < 300; i++) {
				chosen.add(partitioner.partition("t", null, null, null, null, cluster));
			}
			assertThat(chosen).isSubsetOf(0, 1, 2).hasSizeGreaterThan(1);
		}
	}

	private static Cluster cluster(String topic, int partitions) {
		Node node = new Node(0, "localhost", 9092);
		List<PartitionInfo> infos = new ArrayList<>();
		for (int i = 0; i < partitions; i++) {
			infos.add(new PartitionInfo(topic, i, node, new Node[] { node }, new Node[] { node }));
		}
		return new Cluster("cluster", List.of(node), infos, Set.of(), Set.of());
	}

}
