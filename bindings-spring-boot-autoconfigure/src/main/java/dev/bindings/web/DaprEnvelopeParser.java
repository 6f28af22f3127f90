package dev.bindings.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.bindings.BindingRequest;
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
 * <li>keys match the fields without regard to case, the last occurrence wins, unknown keys
 * are ignored;</li>
 * <li>the binding receives the JSON re-serialisation of {@code data}: compact, object keys in
 * UTF-8 byte order, duplicate keys resolved to the last value, strings escaped as Go does
 * ({@link GoJson#quote(String)}), {@code null} when {@code data} is absent;</li>
 * <li>errors carry Go's messages.</li>
 * </ul>
 * One difference is deliberate: Go turns every number into a {@code float64}, which loses
 * digits ({@code 12345678901234567890} becomes {@code 12345678901234567000}) and rewrites
 * others ({@code 1.50} becomes {@code 1.5}); here a number keeps its original text.
 */
public final class DaprEnvelopeParser {

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

	private static final byte[] TRUE = { 't', 'r', 'u', 'e' };

	private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

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
	public static BindingRequest parse(byte[] body) throws MalformedEnvelopeException {
		return parse(body, 0, body.length);
	}

	/**
	 * Parse a request body held in part of an array.
	 * @param body the array holding the body
	 * @param offset the index of the first byte of the body
	 * @param length the number of bytes of the body
	 * @return the request to hand to the binding; its data is never {@code null} (the four
	 * bytes {@code null} when the envelope has no data)
	 * @throws MalformedEnvelopeException if daprd would answer {@code 400}
	 * {@code ERR_MALFORMED_REQUEST}
	 * @throws IndexOutOfBoundsException if the range is not within the array
	 */
	public static BindingRequest parse(byte[] body, int offset, int length) throws MalformedEnvelopeException {
		Objects.checkFromIndexSize(offset, length, body.length);
		if (GoUtf8.firstInvalidUtf8(body, offset, offset + length) < 0) {
			try {
				return read(body, offset, length);
			}
			catch (JacksonException | TypeMismatch ex) {
				// Go reports a syntax error anywhere in the value before any type error, and
				// it accepts a few things Jackson does not (a top-level scalar directly
				// followed by other bytes): let Go's scanner decide
			}
		}
		return scanThenRead(body, offset, length);
	}

	private static BindingRequest scanThenRead(byte[] body, int offset, int length)
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
			// outside strings Go's scanner accepts ASCII only, so the invalid bytes are in
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
			return read(value, from, to - from);
		}
		catch (TypeMismatch ex) {
			throw new MalformedEnvelopeException(ex.detail);
		}
		catch (JacksonException ex) {
			// not expected: Go's scanner has accepted the value
			throw new MalformedEnvelopeException("invalid JSON: " + ex.getOriginalMessage());
		}
	}

	private static BindingRequest read(byte[] body, int offset, int length)
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
				throw new TypeMismatch("json: cannot unmarshal " + goKind(token)
						+ " into Go value of type http." + STRUCT);
			}
			return readEnvelope(parser, length);
		}
	}

	private static BindingRequest readEnvelope(JsonParser parser, int length) throws TypeMismatch, MalformedEnvelopeException {
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
						metadata = readMetadata(parser, (metadata != null) ? metadata : new LinkedHashMap<>());
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

	private static Map<String, String> readMetadata(JsonParser parser, Map<String, String> metadata)
			throws TypeMismatch, MalformedEnvelopeException {
		JsonToken next;
		while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
			String key = GoUtf8.toWellFormed(parser.currentName());
			JsonToken token = parser.nextToken();
			if (token == null) {
				throw new MalformedEnvelopeException("unexpected EOF");
			}
			if (token == JsonToken.VALUE_STRING) {
				metadata.put(key, GoUtf8.toWellFormed(parser.getString()));
			}
			else if (token == JsonToken.VALUE_NULL) {
				metadata.put(key, "");
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
	 * @param length the length of the whole envelope: room enough for the data's text unless
	 * it needs more escapes than the envelope had
	 * @return its JSON text as Go marshals it, or {@code null} for JSON {@code null}
	 */
	private static byte @Nullable [] readData(JsonParser parser, JsonToken token, int length)
			throws MalformedEnvelopeException {
		return switch (token) {
			case VALUE_NULL -> null;
			case VALUE_TRUE -> TRUE.clone();
			case VALUE_FALSE -> FALSE.clone();
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString().getBytes(StandardCharsets.US_ASCII);
			case VALUE_STRING -> {
				GoJson.Utf8Buffer text = new GoJson.Utf8Buffer(parser.getStringLength() + 2);
				text.appendQuoted(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
				yield text.toByteArray();
			}
			default -> new DataWriter(parser, length).write(token == JsonToken.START_OBJECT);
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
	 * A value of the wrong JSON type for its field: Go's {@code *json.UnmarshalTypeError}.
	 * Reported only once the whole value is known to be free of syntax errors.
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

	/**
	 * Writes an array or object of {@code data} as Go's {@code json.Marshal} of the decoded
	 * value does, without recursion.
	 * <p>
	 * Everything is written to one buffer as it is read. An object whose keys arrive in
	 * strictly increasing order needs nothing more: its text in the buffer is final. An
	 * object with keys out of order or repeated (and so each container that holds one)
	 * becomes a {@link Node} that refers to the final text of its children; the nodes are
	 * written once, at the end. Each character is thus copied at most twice, however deep
	 * the nesting.
	 * <p>
	 * The children of the open containers are recorded on one stack (where each child's
	 * final text is, or its node, and its key), the open containers on another: reading
	 * allocates nothing per container unless it must become a node.
	 */
	private static final class DataWriter {

		private final JsonParser parser;

		private final GoJson.Utf8Buffer out;

		// children of the open containers, innermost last

		private int children;

		private int[] childStart = new int[16];

		private int[] childEnd = new int[16];

		private @Nullable Node[] childNode = new Node[16];

		private @Nullable String[] childKey = new String[16];

		// the open containers, innermost last

		private int depth;

		private int[] containerBase = new int[8];

		private int[] containerStart = new int[8];

		private boolean[] containerObject = new boolean[8];

		private boolean[] containerOrdered = new boolean[8];

		DataWriter(JsonParser parser, int capacity) {
			this.parser = parser;
			this.out = new GoJson.Utf8Buffer(capacity);
		}

		byte[] write(boolean object) throws MalformedEnvelopeException {
			open(object);
			while (true) {
				JsonToken token = this.parser.nextToken();
				if (token == null) {
					throw new MalformedEnvelopeException("unexpected EOF");
				}
				switch (token) {
					case PROPERTY_NAME -> key(GoUtf8.toWellFormed(this.parser.currentName()));
					case START_OBJECT -> open(true);
					case START_ARRAY -> open(false);
					case END_OBJECT, END_ARRAY -> {
						Node node = close();
						if (this.depth == 0) {
							return toBytes(node);
						}
					}
					default -> {
						int start = beginValue();
						writeScalar(token);
						ensureChildCapacity();
						this.childStart[this.children] = start;
						this.childEnd[this.children] = this.out.length();
						this.childNode[this.children] = null;
						this.children++;
					}
				}
			}
		}

		private void key(String key) {
			int top = this.depth - 1;
			ensureChildCapacity();
			if (this.containerOrdered[top]) {
				boolean first = (this.children == this.containerBase[top]);
				if (first || GoUtf8.compareUtf8(Objects.requireNonNull(this.childKey[this.children - 1]), key) < 0) {
					if (!first) {
						this.out.append(',');
					}
					this.out.appendQuoted(key);
					this.out.append(':');
				}
				else {
					this.containerOrdered[top] = false;
				}
			}
			this.childKey[this.children] = key;
		}

		/**
		 * Write what goes before the next value of an array.
		 * @return where the value starts
		 */
		private int beginValue() {
			if (this.depth > 0) {
				int top = this.depth - 1;
				if (!this.containerObject[top] && this.containerOrdered[top] && this.children > this.containerBase[top]) {
					this.out.append(',');
				}
			}
			return this.out.length();
		}

		private void open(boolean object) {
			int start = beginValue();
			if (this.depth > 0) {
				// keep the slot (and the key) of this container among its parent's children
				ensureChildCapacity();
				this.children++;
			}
			if (this.depth == this.containerBase.length) {
				int capacity = this.depth * 2;
				this.containerBase = Arrays.copyOf(this.containerBase, capacity);
				this.containerStart = Arrays.copyOf(this.containerStart, capacity);
				this.containerObject = Arrays.copyOf(this.containerObject, capacity);
				this.containerOrdered = Arrays.copyOf(this.containerOrdered, capacity);
			}
			this.containerBase[this.depth] = this.children;
			this.containerStart[this.depth] = start;
			this.containerObject[this.depth] = object;
			this.containerOrdered[this.depth] = true;
			this.depth++;
			this.out.append((object) ? '{' : '[');
		}

		/**
		 * Close the innermost container and record it among its parent's children.
		 * @return its node, or {@code null} if its text is final
		 */
		private @Nullable Node close() {
			int top = --this.depth;
			boolean object = this.containerObject[top];
			this.out.append((object) ? '}' : ']');
			int base = this.containerBase[top];
			Node node = (this.containerOrdered[top]) ? null : toNode(object, base, this.children);
			this.children = base;
			if (this.depth > 0) {
				int slot = base - 1;
				this.childStart[slot] = this.containerStart[top];
				this.childEnd[slot] = this.out.length();
				this.childNode[slot] = node;
				if (node != null) {
					this.containerOrdered[this.depth - 1] = false;
				}
			}
			return node;
		}

		private Node toNode(boolean object, int from, int to) {
			int size = to - from;
			if (!object) {
				return new Node(null, Arrays.copyOfRange(this.childStart, from, to),
						Arrays.copyOfRange(this.childEnd, from, to), Arrays.copyOfRange(this.childNode, from, to), size);
			}
			Integer[] order = new Integer[size];
			for (int i = 0; i < size; i++) {
				order[i] = from + i;
			}
			@Nullable String[] keys = this.childKey;
			// stable: among equal keys the last one read comes last
			Arrays.sort(order, (a, b) -> GoUtf8.compareUtf8(Objects.requireNonNull(keys[a]),
					Objects.requireNonNull(keys[b])));
			String[] sortedKeys = new String[size];
			int[] starts = new int[size];
			int[] ends = new int[size];
			Node[] nodes = new Node[size];
			int count = 0;
			for (int i = 0; i < size; i++) {
				int child = order[i];
				String key = Objects.requireNonNull(keys[child]);
				if (i + 1 < size && key.equals(keys[order[i + 1]])) {
					continue;
				}
				sortedKeys[count] = key;
				starts[count] = this.childStart[child];
				ends[count] = this.childEnd[child];
				nodes[count] = this.childNode[child];
				count++;
			}
			return new Node(sortedKeys, starts, ends, nodes, count);
		}

		private void ensureChildCapacity() {
			if (this.children == this.childStart.length) {
				int capacity = this.children * 2;
				this.childStart = Arrays.copyOf(this.childStart, capacity);
				this.childEnd = Arrays.copyOf(this.childEnd, capacity);
				this.childNode = Arrays.copyOf(this.childNode, capacity);
				this.childKey = Arrays.copyOf(this.childKey, capacity);
			}
		}

		private void writeScalar(JsonToken token) {
			switch (token) {
				case VALUE_STRING -> this.out.appendQuoted(this.parser.getStringCharacters(),
						this.parser.getStringOffset(), this.parser.getStringLength());
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> this.out.appendAscii(this.parser.getStringCharacters(),
						this.parser.getStringOffset(), this.parser.getStringLength());
				case VALUE_TRUE -> this.out.appendAscii("true");
				case VALUE_FALSE -> this.out.appendAscii("false");
				default -> this.out.appendAscii("null");
			}
		}

		private byte[] toBytes(@Nullable Node root) {
			if (root == null) {
				return this.out.toByteArray();
			}
			GoJson.Utf8Buffer result = new GoJson.Utf8Buffer(this.out.length());
			Node[] nodes = new Node[16];
			int[] next = new int[16];
			int level = 0;
			nodes[0] = root;
			result.append((root.keys != null) ? '{' : '[');
			while (level >= 0) {
				Node node = nodes[level];
				int i = next[level];
				if (i == node.size) {
					result.append((node.keys != null) ? '}' : ']');
					level--;
					continue;
				}
				next[level] = i + 1;
				if (i > 0) {
					result.append(',');
				}
				if (node.keys != null) {
					result.appendQuoted(node.keys[i]);
					result.append(':');
				}
				Node child = node.nodes[i];
				if (child == null) {
					result.append(this.out, node.starts[i], node.ends[i]);
					continue;
				}
				if (++level == nodes.length) {
					nodes = Arrays.copyOf(nodes, level * 2);
					next = Arrays.copyOf(next, level * 2);
				}
				nodes[level] = child;
				next[level] = 0;
				result.append((child.keys != null) ? '{' : '[');
			}
			return result.toByteArray();
		}

	}

	/**
	 * An array or object that must be written again: its children in output order, each
	 * either final text in the buffer or another node.
	 */
	private static final class Node {

		final String @Nullable [] keys;

		final int[] starts;

		final int[] ends;

		final @Nullable Node[] nodes;

		final int size;

		Node(String @Nullable [] keys, int[] starts, int[] ends, @Nullable Node[] nodes, int size) {
			this.keys = keys;
			this.starts = starts;
			this.ends = ends;
			this.nodes = nodes;
			this.size = size;
		}

	}

}
