package dev.bindings.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.bindings.BindingRequest;
import dev.bindings.support.golang.GoJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses the body of a {@code POST|PUT /v1.0/bindings/{name}} request,
 * {@code {"data":...,"metadata":{...},"operation":"..."}}, as daprd does with Go's
 * {@code json.NewDecoder(body).Decode(&req)} followed by {@code json.Marshal(req.Data)}:
 * <ul>
 * <li>only the first JSON value is read, whatever follows it is ignored;</li>
 * <li>keys match the fields without regard to case, the last occurrence wins, unknown
 * keys are ignored;</li>
 * <li>the binding receives the JSON re-serialisation of {@code data}: compact, object
 * keys in UTF-8 byte order, duplicate keys resolved to the last value, strings escaped as
 * Go does ({@link GoJson#quote(String)}), {@code null} when {@code data} is absent;</li>
 * <li>errors carry Go's messages.</li>
 * </ul>
 * One difference is deliberate: Go turns every number into a {@code float64}, which loses
 * digits ({@code 12345678901234567890} becomes {@code 12345678901234567000}) and rewrites
 * others ({@code 1.50} becomes {@code 1.5}); here a number keeps its original text.
 */
final class DaprEnvelopeParser {

	private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(GoJsonScanner.MAX_DEPTH)
			.maxNumberLength(Integer.MAX_VALUE)
			.maxStringLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.build())
		.disable(TokenStreamFactory.Feature.CHARSET_DETECTION)
		.disable(TokenStreamFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW)
		.build();

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private static final int UNKNOWN = 0;

	private static final int DATA = 1;

	private static final int METADATA = 2;

	private static final int OPERATION = 3;

	private static final String STRUCT = "OutputBindingRequest";

	private DaprEnvelopeParser() {
	}

	/**
	 * Parse a whole request body.
	 * @param body the body
	 * @return the request to hand to the binding
	 * @throws MalformedEnvelopeException if daprd would answer {@code 400}
	 * {@code ERR_MALFORMED_REQUEST}
	 */
	static BindingRequest parse(byte[] body) throws MalformedEnvelopeException {
		return parse(body, 0, body.length);
	}

	/**
	 * Parse a request body held in part of an array.
	 * @param body the array holding the body
	 * @param offset the index of the first byte of the body
	 * @param length the number of bytes of the body
	 * @return the request to hand to the binding; its data is never {@code null} (the
	 * four bytes {@code null} when the envelope has no data)
	 * @throws MalformedEnvelopeException if daprd would answer {@code 400}
	 * {@code ERR_MALFORMED_REQUEST}
	 * @throws IndexOutOfBoundsException if the range is not within the array
	 */
	static BindingRequest parse(byte[] body, int offset, int length) throws MalformedEnvelopeException {
		return parse(body, offset, length, Integer.MAX_VALUE - 1);
	}

	/**
	 * Parse a request body held in part of an array, keeping at most
	 * {@code maxMetadataEntries + 1} metadata entries: a caller that finds more than
	 * {@code maxMetadataEntries} refuses the request, without a map of every entry of the
	 * body having been built. The rest of the body is parsed as usual, so that a body
	 * that daprd would refuse gets daprd's error.
	 * @param body the array holding the body
	 * @param offset the index of the first byte of the body
	 * @param length the number of bytes of the body
	 * @param maxMetadataEntries the most metadata entries a request may carry
	 * @return the request to hand to the binding; its data is never {@code null} (the
	 * four bytes {@code null} when the envelope has no data)
	 * @throws MalformedEnvelopeException if daprd would answer {@code 400}
	 * {@code ERR_MALFORMED_REQUEST}
	 * @throws IndexOutOfBoundsException if the range is not within the array
	 */
	static BindingRequest parse(byte[] body, int offset, int length, int maxMetadataEntries)
			throws MalformedEnvelopeException {
		Objects.checkFromIndexSize(offset, length, body.length);
		int keep = (maxMetadataEntries < Integer.MAX_VALUE) ? maxMetadataEntries + 1 : maxMetadataEntries;
		if (GoUtf8.firstInvalidUtf8(body, offset, offset + length) < 0) {
			try {
				return read(body, offset, length, keep);
			}
			catch (JacksonException | TypeMismatch ex) {
				// Go reports a syntax error anywhere in the value before any type error,
				// and
				// it accepts a few things Jackson does not (a top-level scalar directly
				// followed by other bytes): let Go's scanner decide
			}
		}
		return scanThenRead(body, offset, length, keep);
	}

	private static BindingRequest scanThenRead(byte[] body, int offset, int length, int keep)
			throws MalformedEnvelopeException {
		GoJsonScanner.Scan scan = GoJsonScanner.scan(body, offset, length);
		String error = scan.error();
		if (error != null) {
			throw new MalformedEnvelopeException(error);
		}
		byte[] value = body;
		int from = offset;
		int to = scan.end();
		if (GoUtf8.firstInvalidUtf8(body, from, to) >= 0) {
			// outside strings Go's scanner accepts ASCII only, so the invalid bytes are
			// in
			// strings, where Go decodes each of them as U+FFFD
			value = GoUtf8.toValidUtf8(body, from, to);
			from = 0;
			to = value.length;
		}
		byte[] repaired = GoUtf8.replaceUnpairedSurrogateEscapes(value, from, to);
		if (repaired != null) {
			// Jackson rejects them in property names
			value = repaired;
			from = 0;
			to = repaired.length;
		}
		try {
			return read(value, from, to - from, keep);
		}
		catch (TypeMismatch ex) {
			throw new MalformedEnvelopeException(ex.detail);
		}
		catch (JacksonException ex) {
			// not expected: Go's scanner has accepted the value
			throw new MalformedEnvelopeException("invalid JSON: " + ex.getOriginalMessage());
		}
	}

	private static BindingRequest read(byte[] body, int offset, int length, int keep)
			throws TypeMismatch, MalformedEnvelopeException {
		try (JsonParser parser = JSON_FACTORY.createParser(ObjectReadContext.empty(), body, offset, length)) {
			JsonToken token = parser.nextToken();
			if (token == null) {
				throw new MalformedEnvelopeException("EOF");
			}
			if (token == JsonToken.VALUE_NULL) {
				return new BindingRequest("", NULL.clone(), Map.of());
			}
			if (token != JsonToken.START_OBJECT) {
				throw new TypeMismatch(
						"json: cannot unmarshal " + goKind(token) + " into Go value of type http." + STRUCT);
			}
			return readEnvelope(parser, length, keep);
		}
	}

	private static BindingRequest readEnvelope(JsonParser parser, int length, int keep)
			throws TypeMismatch, MalformedEnvelopeException {
		String operation = "";
		@Nullable Map<String, String> metadata = null;
		byte @Nullable [] data = null;
		JsonToken next;
		while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
			int field = field(parser.currentName());
			JsonToken token = parser.nextToken();
			if (token == null) {
				throw new MalformedEnvelopeException("unexpected EOF");
			}
			switch (field) {
				case OPERATION -> {
					if (token == JsonToken.VALUE_STRING) {
						operation = GoUtf8.toWellFormed(parser.getString());
					}
					else if (token != JsonToken.VALUE_NULL) {
						throw TypeMismatch.field(token, "operation", "string");
					}
				}
				case METADATA -> {
					if (token == JsonToken.VALUE_NULL) {
						metadata = null;
					}
					else if (token == JsonToken.START_OBJECT) {
						// Go decodes into the map it already has: repeated objects merge
						metadata = readMetadata(parser, (metadata != null) ? metadata : new LinkedHashMap<>(), keep);
					}
					else {
						throw TypeMismatch.field(token, "metadata", "map[string]string");
					}
				}
				case DATA -> data = readData(parser, token, length);
				default -> parser.skipChildren();
			}
		}
		if (next != JsonToken.END_OBJECT) {
			throw new MalformedEnvelopeException("unexpected EOF");
		}
		return new BindingRequest(operation, (data != null) ? data : NULL.clone(),
				(metadata != null) ? metadata : Map.of());
	}

	private static Map<String, String> readMetadata(JsonParser parser, Map<String, String> metadata, int keep)
			throws TypeMismatch, MalformedEnvelopeException {
		JsonToken next;
		while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
			String key = GoUtf8.toWellFormed(parser.currentName());
			JsonToken token = parser.nextToken();
			if (token == null) {
				throw new MalformedEnvelopeException("unexpected EOF");
			}
			// past the limit, new keys are only checked: the request will be refused
			boolean kept = metadata.size() < keep || metadata.containsKey(key);
			if (token == JsonToken.VALUE_STRING) {
				if (kept) {
					metadata.put(key, GoUtf8.toWellFormed(parser.getString()));
				}
			}
			else if (token == JsonToken.VALUE_NULL) {
				if (kept) {
					metadata.put(key, "");
				}
			}
			else {
				throw TypeMismatch.field(token, "metadata", "string");
			}
		}
		if (next != JsonToken.END_OBJECT) {
			throw new MalformedEnvelopeException("unexpected EOF");
		}
		return metadata;
	}

	/**
	 * Read the value of {@code data}.
	 * @param length the length of the whole envelope: room enough for the data's text
	 * unless it needs more escapes than the envelope had
	 * @return its JSON text as Go marshals it, or {@code null} for JSON {@code null}
	 */
	private static byte @Nullable [] readData(JsonParser parser, JsonToken token, int length)
			throws MalformedEnvelopeException {
		return switch (token) {
			case VALUE_NULL -> null;
			case VALUE_TRUE -> EnvelopeDataWriter.TRUE.clone();
			case VALUE_FALSE -> EnvelopeDataWriter.FALSE.clone();
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString().getBytes(StandardCharsets.US_ASCII);
			case VALUE_STRING -> {
				GoJson.Utf8Buffer text = new GoJson.Utf8Buffer(parser.getStringLength() + 2);
				text.appendQuoted(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
				yield text.toByteArray();
			}
			default -> new EnvelopeDataWriter(parser, length).write(token == JsonToken.START_OBJECT);
		};
	}

	/**
	 * Which field of {@code OutputBindingRequest} a key sets. Go matches a key to a field
	 * name exactly or, failing that, after folding both: ASCII letters to upper case, any
	 * other character {@code c} to {@code toUpper(toLower(c))}.
	 */
	private static int field(String key) {
		switch (key) {
			case "data":
				return DATA;
			case "metadata":
				return METADATA;
			case "operation":
				return OPERATION;
			default:
				break;
		}
		if (foldedEquals(key, "DATA")) {
			return DATA;
		}
		if (foldedEquals(key, "METADATA")) {
			return METADATA;
		}
		if (foldedEquals(key, "OPERATION")) {
			return OPERATION;
		}
		return UNKNOWN;
	}

	private static boolean foldedEquals(String key, String folded) {
		int length = key.length();
		if (length < folded.length()) {
			return false;
		}
		int j = 0;
		for (int i = 0; i < length;) {
			int c = key.codePointAt(i);
			i += Character.charCount(c);
			if (c < 0x80) {
				if (c >= 'a' && c <= 'z') {
					c -= 'a' - 'A';
				}
			}
			else {
				c = Character.toUpperCase(Character.toLowerCase(c));
			}
			if (j == folded.length() || folded.charAt(j++) != c) {
				return false;
			}
		}
		return j == folded.length();
	}

	private static String goKind(JsonToken token) {
		return switch (token) {
			case START_OBJECT -> "object";
			case START_ARRAY -> "array";
			case VALUE_STRING -> "string";
			case VALUE_TRUE, VALUE_FALSE -> "bool";
			default -> "number";
		};
	}

	/**
	 * A value of the wrong JSON type for its field: Go's
	 * {@code *json.UnmarshalTypeError}. Reported only once the whole value is known to be
	 * free of syntax errors.
	 */
	private static final class TypeMismatch extends Exception {

		final String detail;

		TypeMismatch(String detail) {
			super(detail, null, false, false);
			this.detail = detail;
		}

		static TypeMismatch field(JsonToken token, String field, String goType) {
			return new TypeMismatch("json: cannot unmarshal " + goKind(token) + " into Go struct field " + STRUCT + "."
					+ field + " of type " + goType);
		}

	}

}
