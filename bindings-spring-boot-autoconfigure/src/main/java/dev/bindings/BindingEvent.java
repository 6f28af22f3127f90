package dev.bindings;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event an input binding received, as daprd hands it to the application: the raw
 * bytes of the event (a Kafka record's value, an empty body for a cron tick) and its
 * metadata (for Kafka {@code __key}, {@code __topic}, {@code __partition},
 * {@code __offset}, {@code __timestamp} and the record's headers; for cron
 * {@code timeZone} and {@code readTimeUTC}).
 *
 * @param binding the name of the input binding (the component name)
 * @param data the event's bytes, never {@code null} (empty when the event has none)
 * @param metadata the event's metadata, in the order the binding produced it
 */
public record BindingEvent(String binding, byte[] data, Map<String, String> metadata) {

	public BindingEvent {
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/**
	 * The data as UTF-8 text.
	 * @return the text
	 */
	public String dataAsString() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		// never the data or the metadata values: they may hold personal data
		return "BindingEvent[binding=" + this.binding + ", " + this.data.length + " bytes, metadata keys="
				+ this.metadata.keySet() + "]";
	}

}
