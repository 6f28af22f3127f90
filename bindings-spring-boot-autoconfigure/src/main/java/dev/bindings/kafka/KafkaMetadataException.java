package dev.bindings.kafka;

/**
 * The metadata of a {@code bindings.kafka} component is invalid. The message is Dapr's where
 * Dapr has one ({@code kafka error: ...}) and never contains a metadata value.
 */
public class KafkaMetadataException extends IllegalArgumentException {

	public KafkaMetadataException(String message) {
		super(message);
	}

	public KafkaMetadataException(String message, Throwable cause) {
		super(message, cause);
	}

}
