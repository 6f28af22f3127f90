package dev.bindings.component;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Describes why a manifest document cannot be read, for the warning that skips it: the
 * line and column, the key being read, and what is wrong, never the document's text.
 * SnakeYAML's own message quotes the offending line (which may hold a password), and some
 * of its problem descriptions quote what was found; only the descriptions that quote
 * nothing are kept, the others are replaced by a fixed one.
 */
final class ManifestProblems {

	/** Problems whose text is fixed in SnakeYAML and quotes nothing of the input. */
	private static final Set<String> FIXED_PROBLEMS = Set.of("could not find expected ':'",
			"found unexpected end of stream", "found unexpected document separator",
			"mapping keys are not allowed here", "mapping values are not allowed here",
			"sequence entries are not allowed here", "expected a single document in the stream",
			"found duplicate YAML directive", "found incompatible YAML document (version 1.* is required)",
			"expected indentation indicator in the range 1-9, but found 0", "unexpected character found");

	/**
	 * The part before ", but found ..." of the problems whose rest quotes the input.
	 */
	private static final Set<String> FIXED_EXPECTATIONS = Set.of("expected ' '", "expected '!'", "expected '>'",
			"expected URI", "expected URI escape sequence of 2 hexadecimal numbers",
			"expected a comment or a line break", "expected a digit or ' '", "expected a digit or '.'",
			"expected a digit", "expected alphabetic or numeric character",
			"expected chomping or indentation indicators", "expected escape sequence of 2 hexadecimal numbers",
			"expected escape sequence of 4 hexadecimal numbers", "expected escape sequence of 8 hexadecimal numbers");

	/** The parser's problems, which name token kinds only. */
	private static final Pattern TOKEN_PROBLEM = Pattern.compile(
			"expected (<block end>|'<document start>'|the node content|',' or '\\]'|',' or '\\}'), but (found|got) "
					+ "'?<[a-z ]+>'?");

	/** SnakeYAML's contexts, fixed texts such as "while scanning a quoted scalar". */
	private static final Pattern CONTEXT = Pattern.compile("while (scanning|parsing) [A-Za-z -]+");

	/** The keys of Dapr manifests, the only ones a location names. */
	private static final Set<String> MANIFEST_KEYS = Set.of("apiversion", "kind", "metadata", "name", "namespace",
			"spec", "type", "version", "ignoreerrors", "inittimeout", "value", "envref", "secretkeyref", "key", "auth",
			"secretstore", "scopes", "policies", "targets", "timeouts", "retries", "circuitbreakers", "components",
			"apps", "actors", "outbound", "inbound", "policy", "duration", "maxinterval", "maxretries", "interval",
			"timeout", "trip", "matching", "circuitbreaker", "retry");

	/** The path of an item of a component's {@code spec.metadata}. */
	private static final Pattern METADATA_ITEM = Pattern.compile("spec\\.metadata\\[[0-9]+\\]",
			Pattern.CASE_INSENSITIVE);

	private static final String INVALID_YAML = "the document is not valid YAML";

	private ManifestProblems() {
	}

	/**
	 * Describe why a document cannot be read.
	 * @param failure what reading the document threw
	 * @param document the document's text
	 * @param firstLine the line of the file the document starts on
	 * @return the description: position, key (where known) and problem
	 */
	static String describe(RuntimeException failure, String document, int firstLine) {
		if (failure instanceof MarkedYAMLException marked) {
			Mark mark = (marked.getProblemMark() != null) ? marked.getProblemMark() : marked.getContextMark();
			StringBuilder description = new StringBuilder();
			if (mark != null) {
				description.append("line ")
					.append(firstLine + mark.getLine())
					.append(", column ")
					.append(mark.getColumn() + 1)
					.append(", ");
			}
			String location = locate(document);
			if (location != null) {
				description.append(location).append(", ");
			}
			String context = marked.getContext();
			if (context != null && CONTEXT.matcher(context).matches()) {
				description.append(context).append(": ");
			}
			return description.append(problem(marked.getProblem())).toString();
		}
		if (failure instanceof InvalidManifestException invalid) {
			return "line " + (firstLine + invalid.line) + ", key " + invalid.key + ": " + invalid.getMessage();
		}
		return INVALID_YAML + " (" + failure.getClass().getSimpleName() + ")";
	}

	private static String problem(@Nullable String problem) {
		if (problem == null) {
			return INVALID_YAML;
		}
		if (FIXED_PROBLEMS.contains(problem) || TOKEN_PROBLEM.matcher(problem).matches()) {
			return problem;
		}
		int butFound = problem.indexOf(", but found");
		if (butFound > 0 && FIXED_EXPECTATIONS.contains(problem.substring(0, butFound))) {
			return problem.substring(0, butFound) + ", but found something else";
		}
		if (problem.startsWith("found character ") && problem.contains("that cannot start any token")) {
			return "found a character that cannot start any token"
					+ (problem.startsWith("found character '\\t") ? " (a tab: indent with spaces)" : "");
		}
		if (problem.startsWith("found unknown escape character")) {
			return "found an unknown escape character";
		}
		if (problem.startsWith("found undefined alias")) {
			return "found an undefined alias";
		}
		if (problem.startsWith("found undefined tag handle")) {
			return "found an undefined tag handle";
		}
		return INVALID_YAML;
	}

	/**
	 * Where in the document parsing stopped, as a path of manifest keys such as
	 * {@code spec.metadata[1].value} (other keys shown as {@code *}), with the metadata
	 * item's name when the path is inside {@code spec.metadata}.
	 * @param document the document
	 * @return the location, or {@code null} if parsing stopped outside any mapping
	 */
	private static @Nullable String locate(String document) {
		Deque<Frame> frames = new ArrayDeque<>();
		try {
			Iterator<Event> events = new Yaml(new SafeConstructor(new LoaderOptions()))
				.parse(new StringReader(document))
				.iterator();
			while (events.hasNext()) {
				Event event = events.next();
				if (event instanceof CollectionStartEvent) {
					Frame parent = frames.peek();
					if (parent != null) {
						parent.valueStarts(null);
					}
					frames.push(new Frame(event instanceof MappingStartEvent));
				}
				else if (event instanceof CollectionEndEvent) {
					frames.pop();
					Frame parent = frames.peek();
					if (parent != null) {
						parent.valueEnds();
					}
				}
				else if (event instanceof ScalarEvent || event instanceof AliasEvent) {
					Frame frame = frames.peek();
					if (frame != null) {
						frame.valueStarts((event instanceof ScalarEvent scalar) ? scalar.getValue() : null);
						frame.valueEnds();
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// parsing stops where reading the document failed
		}
		if (frames.isEmpty()) {
			return null;
		}
		StringBuilder location = new StringBuilder();
		String metadataName = null;
		for (Iterator<Frame> path = frames.descendingIterator(); path.hasNext();) {
			Frame frame = path.next();
			if (frame.mapping && METADATA_ITEM.matcher(location).matches()) {
				metadataName = frame.metadataName;
			}
			if (frame.mapping) {
				if (frame.key == null) {
					break;
				}
				location.append((location.length() > 0) ? "." : "").append(frame.key);
			}
			else {
				location.append('[').append(frame.index).append(']');
			}
		}
		if (location.isEmpty()) {
			return null;
		}
		return "key " + location + ((metadataName != null) ? " (metadata '" + metadataName + "')" : "");
	}

	/**
	 * A mapping or a sequence being parsed.
	 */
	private static final class Frame {

		private final boolean mapping;

		/** In a mapping, the key whose value is being read; {@code null} between keys. */
		private @Nullable String key;

		private boolean readingKey = true;

		/** The raw text of the last key read, to find a metadata item's name. */
		private @Nullable String rawKey;

		private @Nullable String metadataName;

		/** In a sequence, the index of the item being read. */
		private int index;

		Frame(boolean mapping) {
			this.mapping = mapping;
		}

		/**
		 * A node starts in this collection.
		 * @param scalar the scalar's text, {@code null} for a collection or an alias
		 */
		void valueStarts(@Nullable String scalar) {
			if (!this.mapping) {
				return;
			}
			if (this.readingKey) {
				this.rawKey = scalar;
				this.key = (scalar != null && MANIFEST_KEYS.contains(scalar.toLowerCase(Locale.ROOT))) ? scalar : "*";
			}
			else if (scalar != null && "name".equalsIgnoreCase(this.rawKey) && isMetadataItemName(scalar)) {
				this.metadataName = scalar;
			}
		}

		/**
		 * The node that started last in this collection is complete.
		 */
		void valueEnds() {
			if (!this.mapping) {
				this.index++;
			}
			else if (this.readingKey) {
				this.readingKey = false;
			}
			else {
				this.readingKey = true;
				this.key = null;
				this.rawKey = null;
			}
		}

		private static boolean isMetadataItemName(String scalar) {
			return scalar.length() <= 128 && scalar.chars().allMatch((c) -> c > ' ' && c < 127);
		}

	}

	/**
	 * A document that is valid YAML but not a valid manifest: names the key and its
	 * position, never a value.
	 */
	static final class InvalidManifestException extends IllegalArgumentException {

		private final String key;

		private final int line;

		/**
		 * Create an exception.
		 * @param key the key, for example {@code spec.metadata}
		 * @param mark where the key's value starts
		 * @param problem what is wrong
		 */
		InvalidManifestException(String key, Mark mark, String problem) {
			super(problem);
			this.key = key;
			this.line = mark.getLine();
		}

	}

}
