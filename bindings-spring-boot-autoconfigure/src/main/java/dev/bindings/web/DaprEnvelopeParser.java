package dev.bindings.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bindings.BindingRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads Dapr's HTTP output binding envelope, {@code {"data":..., "metadata":{...},
 * "operation":"..."}}, exactly as daprd does with Go's {@code json.Decoder}: only the first
 * JSON value is read, keys match case-insensitively, unknown fields are ignored, a
 * {@code null} envelope is an empty one, and errors carry Go's texts.
 * <p>
 * The data handed to the binding is the JSON text of {@code data} re-encoded as Go's
 * {@code json.Marshal} does (compact, object keys sorted, duplicate keys last-wins, HTML
 * characters escaped, a string keeps its quotes, absent or {@code null} data is the text
 * {@code null}), with one deliberate difference: numbers keep their original text instead of
 * going through float64, so no digit is lost.
 */
final class DaprEnvelopeParser {

	private static final JsonFactory JSON = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(GoJsonScanner.MAX_DEPTH + 1)
			.maxStringLength(Integer.MAX_VALUE)
			.maxNumberLength(Integer.MAX_VALUE)
			.build())
		.build();

	private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

	private static final String GO_TYPE = "http.OutputBindingRequest";

	private DaprEnvelopeParser() {
	}

	/**
	 * Parse an envelope.
	 * @param body the body bytes
	 * @param offset where the body starts
	 * @param length the body length
	 * @return the binding request
	 * @throws MalformedEnvelopeException with Go's message for an invalid body
	 */
	static BindingRequest parse(byte[] body, int offset, int length) throws MalformedEnvelopeException {
		int end = GoJsonScanner.scan(body, offset, length);
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body, offset, end - offset)) {
			JsonToken token = parser.nextToken();
			if (token == JsonToken.VALUE_NULL) {
				return new BindingRequest("", NULL, Map.of());
			}
			if (token != JsonToken.START_OBJECT) {
				throw new MalformedEnvelopeException(
						"json: cannot unmarshal " + goType(token) + " into Go value of type " + GO_TYPE);
			}
			String operation = "";
			Map<String, String> metadata = null;
			byte[] data = NULL;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = field(parser.currentName());
				JsonToken value = parser.nextToken();
				if (field == null) {
					parser.skipChildren();
				}
				else if (field.equals("operation")) {
					if (value == JsonToken.VALUE_STRING) {
						operation = parser.getString();
					}
					else if (value != JsonToken.VALUE_NULL) {
						throw typeError(value, "operation", "string");
					}
				}
				else if (field.equals("metadata")) {
					if (value == JsonToken.VALUE_NULL) {
						metadata = null;
					}
					else if (value != JsonToken.START_OBJECT) {
						throw typeError(value, "metadata", "map[string]string");
					}
					else {
						if (metadata == null) {
							metadata = new LinkedHashMap<>();
						}
						readMetadata(parser, metadata);
					}
				}
				else {
					data = GoJsonEncoder.encode(parser);
				}
			}
			return new BindingRequest(operation, data, (metadata != null) ? metadata : Map.of());
		}
		catch (JacksonException ex) {
			// the syntax was checked already: what remains is what Go accepts and Jackson
			// does not, such as invalid UTF-8 inside a string
			throw new MalformedEnvelopeException("invalid JSON: " + ex.getOriginalMessage());
		}
	}

	private static void readMetadata(JsonParser parser, Map<String, String> metadata)
			throws MalformedEnvelopeException {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value == JsonToken.VALUE_STRING) {
				metadata.put(key, parser.getString());
			}
			else if (value == JsonToken.VALUE_NULL) {
				metadata.put(key, "");
			}
			else {
				throw typeError(value, "metadata", "string");
			}
		}
	}

	/** Go matches struct fields exactly first, then case-insensitively. */
	private static @Nullable String field(String name) {
		return switch (name) {
			case "data", "metadata", "operation" -> name;
			default -> {
				if (name.equalsIgnoreCase("data")) {
					yield "data";
				}
				if (name.equalsIgnoreCase("metadata")) {
					yield "metadata";
				}
				yield name.equalsIgnoreCase("operation") ? "operation" : null;
			}
		};
	}

	private static MalformedEnvelopeException typeError(JsonToken token, String field, String type) {
		return new MalformedEnvelopeException("json: cannot unmarshal " + goType(token)
				+ " into Go struct field OutputBindingRequest." + field + " of type " + type);
	}

	private static String goType(JsonToken token) {
		return switch (token) {
			case START_ARRAY -> "array";
			case START_OBJECT -> "object";
			case VALUE_STRING -> "string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
			case VALUE_TRUE, VALUE_FALSE -> "bool";
			default -> token.name();
		};
	}

	/**
	 * Writes one JSON value as Go's {@code json.Marshal} of the decoded {@code any} would,
	 * except that numbers keep their text. Iterative, so deep nesting cannot overflow the stack.
	 */
	static final class GoJsonEncoder {

		private GoJsonEncoder() {
		}

		static byte[] encode(JsonParser parser) {
			JsonToken token = parser.currentToken();
			if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
				StringBuilder scalar = new StringBuilder();
				appendScalar(scalar, parser, token);
				return scalar.toString().getBytes(StandardCharsets.UTF_8);
			}
			List<Frame> stack = new ArrayList<>();
			stack.add(new Frame(token == JsonToken.START_OBJECT));
			String result = null;
			while (result == null) {
				JsonToken next = parser.nextToken();
				Frame frame = stack.get(stack.size() - 1);
				if (next == JsonToken.PROPERTY_NAME) {
					frame.key = parser.currentName();
					continue;
				}
				String value;
				if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
					Frame child = new Frame(next == JsonToken.START_OBJECT);
					child.parentKey = frame.key;
					stack.add(child);
					continue;
				}
				if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
					stack.remove(stack.size() - 1);
					value = frame.close();
					if (stack.isEmpty()) {
						result = value;
						break;
					}
					frame = stack.get(stack.size() - 1);
					frame.key = frame.object ? stackKey(frame, value) : null;
				}
				else {
					StringBuilder scalar = new StringBuilder();
					appendScalar(scalar, parser, next);
					value = scalar.toString();
				}
				frame.add(value);
			}
			return result.getBytes(StandardCharsets.UTF_8);
		}

		private static @Nullable String stackKey(Frame frame, String value) {
			return frame.key;
		}

		private static void appendScalar(StringBuilder builder, JsonParser parser, JsonToken token) {
			switch (token) {
				case VALUE_STRING -> GoJson.appendQuoted(builder, parser.getString());
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> builder.append(parser.getString());
				case VALUE_TRUE -> builder.append("true");
				case VALUE_FALSE -> builder.append("false");
				default -> builder.append("null");
			}
		}

	}

	/** An object or array being re-encoded. */
	private static final class Frame {

		final boolean object;

		@Nullable String key;

		@Nullable String parentKey;

		final List<String[]> entries = new ArrayList<>();

		final StringBuilder array = new StringBuilder("[");

		Frame(boolean object) {
			this.object = object;
		}

		void add(String value) {
			if (this.object) {
				this.entries.add(new String[] { (this.key != null) ? this.key : "", value });
				this.key = null;
			}
			else {
				if (this.array.length() > 1) {
					this.array.append(',');
				}
				this.array.append(value);
			}
		}

		String close() {
			if (!this.object) {
				return this.array.append(']').toString();
			}
			// Go: a map, so the last duplicate wins and keys are written in sorted order
			Map<String, String> byKey = new LinkedHashMap<>();
			for (String[] entry : this.entries) {
				byKey.put(entry[0], entry[1]);
			}
			List<String> keys = new ArrayList<>(byKey.keySet());
			keys.sort(DaprEnvelopeParser::compareUtf8);
			StringBuilder builder = new StringBuilder("{");
			for (String key : keys) {
				if (builder.length() > 1) {
					builder.append(',');
				}
				GoJson.appendQuoted(builder, key);
				builder.append(':').append(byKey.get(key));
			}
			return builder.append('}').toString();
		}

	}

	/** Byte-wise order of the UTF-8 encodings, which is code point order. */
	static int compareUtf8(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
