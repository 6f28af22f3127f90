package dev.bindings.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bindings.component.ComponentMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The input side's metadata of a {@code bindings.kafka} component, with daprd's keys,
 * defaults and messages: {@code topics}, {@code consumerGroup} (or {@code consumerID}),
 * {@code initialOffset} ({@code newest}, the default, or {@code oldest}),
 * {@code consumeRetryEnabled} (default {@code false}) with the {@code backOff*} keys of
 * Dapr's retry configuration, {@code heartbeatInterval} (3 s), {@code sessionTimeout} (10
 * s), {@code escapeHeaders}, {@code excludeHeaderMetaRegex}; and two keys of this
 * starter: {@code deadLetterTopic} and {@code concurrency}.
 */
final class KafkaInputMetadata {

	private final List<String> topics;

	private final String consumerGroup;

	private final @Nullable String autoOffsetReset;

	private final boolean consumeRetryEnabled;

	private final BackOff backOff;

	private final @Nullable Duration heartbeatInterval;

	private final @Nullable Duration sessionTimeout;

	private final boolean escapeHeaders;

	private final @Nullable String deadLetterTopic;

	private final int concurrency;

	private KafkaInputMetadata(List<String> topics, String consumerGroup, @Nullable String autoOffsetReset,
			boolean consumeRetryEnabled, BackOff backOff, @Nullable Duration heartbeatInterval,
			@Nullable Duration sessionTimeout, boolean escapeHeaders, @Nullable String deadLetterTopic,
			int concurrency) {
		this.topics = topics;
		this.consumerGroup = consumerGroup;
		this.autoOffsetReset = autoOffsetReset;
		this.consumeRetryEnabled = consumeRetryEnabled;
		this.backOff = backOff;
		this.heartbeatInterval = heartbeatInterval;
		this.sessionTimeout = sessionTimeout;
		this.escapeHeaders = escapeHeaders;
		this.deadLetterTopic = deadLetterTopic;
		this.concurrency = concurrency;
	}

	/**
	 * The topics of a component's metadata: {@code topics} split on commas, trimmed,
	 * empty parts dropped.
	 * @param metadata the metadata
	 * @return the topics, empty when there are none
	 */
	static List<String> topics(Map<String, String> metadata) {
		String value = null;
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			if (entry.getKey().equalsIgnoreCase("topics")) {
				value = entry.getValue();
			}
		}
		List<String> topics = new ArrayList<>();
		if (value != null) {
			for (String topic : value.split(",")) {
				if (!topic.isBlank()) {
					topics.add(topic.trim());
				}
			}
		}
		return topics;
	}

	/**
	 * Validate the input side's metadata.
	 * @param metadata the component metadata
	 * @return the validated metadata
	 * @throws IllegalArgumentException if the metadata is invalid
	 */
	static KafkaInputMetadata parse(Map<String, String> metadata) {
		ComponentMetadata md = ComponentMetadata.of(metadata);
		List<String> topics = topics(metadata);
		if (topics.isEmpty()) {
			throw new IllegalArgumentException("kafka error: missing 'topics' attribute (the input binding's topics)");
		}
		String group = md.getNonEmpty("consumerGroup");
		if (group == null) {
			group = md.getNonEmpty("consumerID");
		}
		if (group == null) {
			throw new IllegalArgumentException(
					"kafka error: missing 'consumerGroup' attribute (or 'consumerID'): the input binding's consumer group");
		}
		String autoOffsetReset = null;
		String initialOffset = md.getNonEmpty("initialOffset");
		if (initialOffset != null) {
			autoOffsetReset = switch (initialOffset.toLowerCase(Locale.ROOT)) {
				case "newest" -> "latest";
				case "oldest" -> "earliest";
				default -> throw new IllegalArgumentException("kafka error: invalid initialOffset: " + initialOffset);
			};
		}
		boolean retry = md.getBoolean("consumeRetryEnabled", false);
		BackOff backOff = retry ? DaprBackOff.of(md) : new FixedBackOff(0, 0);
		Duration heartbeat = positive(md, "heartbeatInterval");
		Duration session = positive(md, "sessionTimeout");
		int concurrency = md.getInt("concurrency", 1, 1, 100,
				"kafka error: invalid value for 'concurrency': a whole number from 1 to 100");
		return new KafkaInputMetadata(List.copyOf(topics), group, autoOffsetReset, retry, backOff, heartbeat, session,
				md.getBoolean("escapeHeaders", false), md.getNonEmpty("deadLetterTopic"), concurrency);
	}

	private static @Nullable Duration positive(ComponentMetadata md, String key) {
		Duration duration = md.getDuration(key, (reason) -> "kafka error: invalid value for '" + key + "': " + reason);
		return (duration != null && duration.toMillis() > 0) ? duration : null;
	}

	List<String> topics() {
		return this.topics;
	}

	String consumerGroup() {
		return this.consumerGroup;
	}

	/**
	 * Kafka's {@code auto.offset.reset} from {@code initialOffset}.
	 * @return {@code latest}, {@code earliest}, or {@code null} when not set
	 */
	@Nullable String autoOffsetReset() {
		return this.autoOffsetReset;
	}

	boolean consumeRetryEnabled() {
		return this.consumeRetryEnabled;
	}

	/**
	 * The back-off between attempts at a failed record: none when
	 * {@code consumeRetryEnabled} is false.
	 * @return the back-off
	 */
	BackOff backOff() {
		return this.backOff;
	}

	@Nullable Duration heartbeatInterval() {
		return this.heartbeatInterval;
	}

	@Nullable Duration sessionTimeout() {
		return this.sessionTimeout;
	}

	boolean escapeHeaders() {
		return this.escapeHeaders;
	}

	@Nullable String deadLetterTopic() {
		return this.deadLetterTopic;
	}

	int concurrency() {
		return this.concurrency;
	}

}
