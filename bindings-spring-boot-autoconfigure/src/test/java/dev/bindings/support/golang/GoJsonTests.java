package dev.bindings.support.golang;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link GoJson}.
 */
class GoJsonTests {

	@Test
	void utf8BufferQuotesExactlyAsAStraightforwardStringBuilderQuoterThenUtf8DoesWhateverItsStartingCapacity() {
		Random random = new Random(42);
		char[] alphabet = { 'a', 'Z', '0', ' ', '"', '\\', '<', '>', '&', '\n', '\u0001', '\u007f', '\u00e9', '\u07ff',
				'\u0800', '\u2028', '\u2029', '\uFB01', '\uFFFD', '\uD83D', '\uDE00', '\uDBFF', '\uDC00' };
		for (int run = 0; run < 2000; run++) {
			char[] chars = new char[random.nextInt(200)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = alphabet[random.nextInt(alphabet.length)];
			}
			String text = new String(chars);
			byte[] expected = referenceQuote(text).getBytes(StandardCharsets.UTF_8);
			GoJson.Utf8Buffer fromChars = new GoJson.Utf8Buffer(random.nextInt(8));
			fromChars.append('[');
			fromChars.appendQuoted(("xx" + text + "yy").toCharArray(), 2, chars.length);
			GoJson.Utf8Buffer fromString = new GoJson.Utf8Buffer(1);
			fromString.appendQuoted(text);
			GoJson.Utf8Buffer copy = new GoJson.Utf8Buffer(0);
			copy.append(fromChars, 1, fromChars.length());
			assertThat(fromString.toByteArray()).as(text).isEqualTo(expected);
			assertThat(GoJson.quote(text).getBytes(StandardCharsets.UTF_8)).as(text).isEqualTo(expected);
			assertThat(copy.toByteArray()).as(text).isEqualTo(expected);
		}
	}

	@Test
	void quoteWrapsPlainTextInQuotes() {
		assertThat(GoJson.quote("hello")).isEqualTo("\"hello\"");
	}

	@Test
	void quoteEscapesQuoteAndBackslash() {
		assertThat(GoJson.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
	}

	@Test
	void quoteUsesShortEscapesForBackspaceFormFeedNewlineReturnAndTab() {
		assertThat(GoJson.quote("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
	}

	@Test
	void quoteEscapesOtherControlCharactersWithLowerCaseHex() {
		assertThat(GoJson.quote("\u0000\u0001\u000b\u001f")).isEqualTo("\"\\u0000\\u0001\\u000b\\u001f\"");
	}

	@Test
	void quoteEscapesHtmlCharacters() {
		assertThat(GoJson.quote("<b>&</b>")).isEqualTo("\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"");
	}

	@Test
	void quoteEscapesLineAndParagraphSeparators() {
		assertThat(GoJson.quote("\u2028 \u2029")).isEqualTo("\"\\u2028 \\u2029\"");
	}

	@Test
	void quoteKeepsSlashDeleteAndNonAsciiAsTheyAre() {
		assertThat(GoJson.quote("/\u007fcafé\u00a0€\uFFFD")).isEqualTo("\"/\u007fcafé\u00a0€\uFFFD\"");
	}

	@Test
	void quoteKeepsSurrogatePairs() {
		assertThat(GoJson.quote("😀")).isEqualTo("\"😀\"");
	}

	@Test
	void quoteReplacesUnpairedSurrogatesWithReplacementCharacter() {
		assertThat(GoJson.quote("a\uD800b\uDC00\uD83D")).isEqualTo("\"a\uFFFDb\uFFFD\uFFFD\"");
	}

	@Test
	void appendQuotedAppendsToWhatIsAlreadyThere() {
		GoJson.Utf8Buffer buffer = new GoJson.Utf8Buffer(4);
		buffer.appendAscii("x=");
		buffer.appendQuoted("<");
		assertThat(new String(buffer.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("x=\"\\u003c\"");
	}

	@Test
	void errorBodyHasCodeThenMessage() {
		byte[] body = GoJson.errorBody("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: EOF");
		assertThat(new String(body, StandardCharsets.UTF_8))
			.isEqualTo("{\"errorCode\":\"ERR_MALFORMED_REQUEST\",\"message\":\"failed deserializing HTTP body: EOF\"}");
	}

	@Test
	void errorBodyEscapesMessageAsGoDoes() {
		byte[] body = GoJson.errorBody("ERR_INVOKE_OUTPUT_BINDING", "bad \"<x>\" & é\n");
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(
				"{\"errorCode\":\"ERR_INVOKE_OUTPUT_BINDING\",\"message\":\"bad \\\"\\u003cx\\u003e\\\" \\u0026 é\\n\"}");
	}

	@Test
	void errorBodyIsUtf8() {
		byte[] body = GoJson.errorBody("E", "é");
		assertThat(body).endsWith((byte) 0xC3, (byte) 0xA9, (byte) '"', (byte) '}');
	}

	@Test
	void numberIsPlainBetweenOneMillionthAndTenToTheTwentyOne() {
		assertThat(GoJson.number(1.0)).isEqualTo("1");
		assertThat(GoJson.number(100.0)).isEqualTo("100");
		assertThat(GoJson.number(0.000001)).isEqualTo("0.000001");
		assertThat(GoJson.number(1e20)).isEqualTo("100000000000000000000");
		assertThat(GoJson.number(0.1f)).isEqualTo("0.1");
	}

	@Test
	void numberUsesExponentFormOutsideThatRange() {
		assertThat(GoJson.number(1e21)).isEqualTo("1e+21");
		assertThat(GoJson.number(1.5e-7)).isEqualTo("1.5e-7");
		assertThat(GoJson.number(-2.5e-10)).isEqualTo("-2.5e-10");
	}

	@Test
	void mapperWritesStringsExactlyAsQuoteDoesForEveryCharacterGoTreatsSpecially() {
		Random random = new Random(7);
		char[] alphabet = { 'a', ' ', '"', '\\', '/', '<', '>', '&', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u0001',
				'\u001f', '\u007f', '\u00e9', '\u07ff', '\u0800', '\u2028', '\u2029', '\uFB01', '\uFFFD', '\uD83D',
				'\uDE00' };
		for (int run = 0; run < 500; run++) {
			StringBuilder text = new StringBuilder();
			for (int i = random.nextInt(60); i > 0; i--) {
				char c = alphabet[random.nextInt(alphabet.length)];
				if (c == '\uD83D') {
					text.append("😀");
				}
				else if (c != '\uDE00') {
					text.append(c);
				}
			}
			String value = text.toString();
			assertThat(GoJson.mapper().writeValueAsString(value)).as(value).isEqualTo(GoJson.quote(value));
			assertThat(GoJson.mapper().writeValueAsString(Map.of(value, value)))
				.isEqualTo("{" + GoJson.quote(value) + ":" + GoJson.quote(value) + "}");
		}
	}

	@Test
	void mapperWritesControlCharactersWithLowerCaseHexAsGoDoes() {
		assertThat(GoJson.mapper().writeValueAsString("\u001f\u000b")).isEqualTo("\"\\u001f\\u000b\"");
	}

	@Test
	void mapperReadsFloatsAsBigDecimalAndRefusesTrailingContent() {
		assertThat(GoJson.mapper().readTree("[1.10]").get(0).decimalValue()).isEqualTo(new BigDecimal("1.10"));
		assertThatException().isThrownBy(() -> GoJson.mapper().readTree("[1] [2]"));
	}

	/**
	 * Go's string quoting written the plain way, one {@code char} at a time into a
	 * {@code StringBuilder}: the oracle for the byte-level {@link GoJson.Utf8Buffer}.
	 */
	private static String referenceQuote(String s) {
		StringBuilder sb = new StringBuilder("\"");
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				case '\b' -> sb.append("\\b");
				case '\f' -> sb.append("\\f");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
				default -> {
					if (c < 0x20) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else if (Character.isHighSurrogate(c) && i + 1 < s.length()
							&& Character.isLowSurrogate(s.charAt(i + 1))) {
						sb.append(c).append(s.charAt(++i));
					}
					else {
						sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
					}
				}
			}
		}
		return sb.append('"').toString();
	}

}
