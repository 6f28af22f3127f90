package dev.bindings.jdbc;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link JsonMapper} that writes strings the way Go's {@code encoding/json} does, so
 * that results are byte-for-byte what Dapr returns: {@code <}, {@code >} and {@code &}
 * become {@code \u003c}, {@code \u003e} and {@code \u0026}, and U+2028 and U+2029 are
 * escaped too. Floating-point numbers are read as {@link java.math.BigDecimal} and
 * trailing content after the top-level value is an error, as with Go's
 * {@code json.Unmarshal}.
 */
public final class GoJson {

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder().characterEscapes(new GoCharacterEscapes()).build())
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private GoJson() {
	}

	/**
	 * The shared mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	private static final class GoCharacterEscapes extends CharacterEscapes {

		private static final int[] ASCII_ESCAPES;

		static {
			int[] escapes = standardAsciiEscapesForJSON();
			escapes['<'] = ESCAPE_CUSTOM;
			escapes['>'] = ESCAPE_CUSTOM;
			escapes['&'] = ESCAPE_CUSTOM;
			ASCII_ESCAPES = escapes;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return ASCII_ESCAPES;
		}

		@Override
		public @Nullable SerializableString getEscapeSequence(int ch) {
			return switch (ch) {
				case '<' -> new SerializedString("\\u003c");
				case '>' -> new SerializedString("\\u003e");
				case '&' -> new SerializedString("\\u0026");
				case '\u2028' -> new SerializedString("\\u2028");
				case '\u2029' -> new SerializedString("\\u2029");
				default -> null;
			};
		}

	}

}
