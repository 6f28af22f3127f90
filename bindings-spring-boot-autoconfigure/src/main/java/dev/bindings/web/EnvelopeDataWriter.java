package dev.bindings.web;

import java.util.Arrays;
import java.util.Objects;

import dev.bindings.support.golang.GoJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Writes an array or object of an envelope's {@code data} as Go's {@code json.Marshal} of
 * the decoded value does, without recursion.
 * <p>
 * Everything is written to one buffer as it is read. An object whose keys arrive in
 * strictly increasing order needs nothing more: its text in the buffer is final. An
 * object with keys out of order or repeated (and so each container that holds one)
 * becomes a {@link Node} that refers to the final text of its children; the nodes are
 * written once, at the end. Each character is thus copied at most twice, however deep the
 * nesting.
 * <p>
 * The children of the open containers are recorded on one stack (where each child's final
 * text is, or its node, and its key), the open containers on another: reading allocates
 * nothing per container unless it must become a node.
 */
final class EnvelopeDataWriter {

	static final byte[] TRUE = { 't', 'r', 'u', 'e' };

	static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

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

	EnvelopeDataWriter(JsonParser parser, int capacity) {
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
		Arrays.sort(order,
				(a, b) -> GoUtf8.compareUtf8(Objects.requireNonNull(keys[a]), Objects.requireNonNull(keys[b])));
		String[] sortedKeys = new String[size];
		int[] starts = new int[size];
		int[] ends = new int[size];
		@Nullable Node[] nodes = new Node[size];
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
			case VALUE_STRING -> this.out.appendQuoted(this.parser.getStringCharacters(), this.parser.getStringOffset(),
					this.parser.getStringLength());
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
