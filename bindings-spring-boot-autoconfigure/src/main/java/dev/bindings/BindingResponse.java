package dev.bindings;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The result of an output binding invocation, as Dapr's {@code InvokeResponse}.
 * <p>
 * A binding that has nothing to return (Kafka, for example) answers {@link #noContent()};
 * over HTTP that is a {@code 204} with no body. Any other response is a {@code 200} whose
 * body is {@link #data()} (possibly empty) and whose metadata entries become
 * {@code metadata.<key>} headers.
 */
public final class BindingResponse {

	private static final BindingResponse NO_CONTENT = new BindingResponse(null, Map.of());

	private final byte @Nullable [] data;

	private final Map<String, String> metadata;

	private BindingResponse(byte @Nullable [] data, Map<String, String> metadata) {
		this.data = data;
		this.metadata = metadata;
	}

	/**
	 * The response of a binding that returns nothing (Dapr's {@code nil} response).
	 * @return the shared no-content response
	 */
	public static BindingResponse noContent() {
		return NO_CONTENT;
	}

	/**
	 * A response with data and metadata.
	 * @param data the data, may be empty
	 * @param metadata the response metadata
	 * @return a new response
	 */
	public static BindingResponse of(byte[] data, Map<String, String> metadata) {
		return new BindingResponse(data,
				metadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata)));
	}

	/**
	 * Whether the binding returned a response (Dapr's non-{@code nil} response).
	 * @return {@code false} for {@link #noContent()}
	 */
	public boolean hasContent() {
		return this.data != null;
	}

	/**
	 * The response data: {@code null} for {@link #noContent()}, otherwise the bytes the
	 * binding returned (possibly empty).
	 * @return the data
	 */
	public byte @Nullable [] data() {
		return this.data;
	}

	/**
	 * The response data as UTF-8 text.
	 * @return the text, empty for {@link #noContent()}
	 */
	public String dataAsString() {
		return (this.data != null) ? new String(this.data, StandardCharsets.UTF_8) : "";
	}

	/**
	 * The response metadata.
	 * @return the metadata, unmodifiable
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	@Override
	public String toString() {
		byte[] data = this.data;
		return (data != null && data.length > 0)
				? "BindingResponse[" + data.length + " bytes, metadata=" + this.metadata + "]"
				: "BindingResponse[no content]";
	}

}
