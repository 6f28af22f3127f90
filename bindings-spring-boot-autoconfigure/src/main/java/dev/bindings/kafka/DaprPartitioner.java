package dev.bindings.kafka;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.jspecify.annotations.Nullable;

/**
 * Places records on partitions exactly as Dapr's Kafka component does through sarama's
 * hash partitioner, so that Dapr apps and this starter put the same key on the same
 * partition: a keyed record goes to {@code abs(int32(FNV-1a-32(key)) % n)}, a record
 * without a key to a random partition. (The Java client's default, murmur2, would place
 * keys differently.)
 */
public class DaprPartitioner implements Partitioner {

	private static final int FNV_OFFSET_BASIS = 0x811c9dc5;

	private static final int FNV_PRIME = 0x01000193;

	@Override
	public int partition(String topic, @Nullable Object key, byte @Nullable [] keyBytes, @Nullable Object value,
			byte @Nullable [] valueBytes, Cluster cluster) {
		int partitions = cluster.partitionsForTopic(topic).size();
		if (keyBytes == null) {
			return ThreadLocalRandom.current().nextInt(partitions);
		}
		return partition(keyBytes, partitions);
	}

	/**
	 * The partition sarama's hash partitioner chooses for a key.
	 * @param keyBytes the key bytes
	 * @param partitions the number of partitions of the topic
	 * @return the partition
	 */
	public static int partition(byte[] keyBytes, int partitions) {
		int partition = fnv1a32(keyBytes) % partitions;
		return (partition < 0) ? -partition : partition;
	}

	/**
	 * The 32-bit FNV-1a hash of some bytes.
	 * @param bytes the bytes
	 * @return the hash, as a signed int
	 */
	static int fnv1a32(byte[] bytes) {
		int hash = FNV_OFFSET_BASIS;
		for (byte b : bytes) {
			hash ^= (b & 0xff);
			hash *= FNV_PRIME;
		}
		return hash;
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}

	@Override
	public void close() {
	}

}
