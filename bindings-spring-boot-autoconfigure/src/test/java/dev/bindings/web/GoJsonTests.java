package dev.bindings.web;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
	void compareUtf8PutsSupplementaryCharactersAfterPrivateUseArea() {
		assertThat("😀".compareTo("\uFB01")).isNegative();
		assertThat(GoUtf8.compareUtf8("😀", "\uFB01")).isPositive();
		assertThat(GoUtf8.compareUtf8("\uFB01", "😀")).isNegative();
	}

	@Test
	void compareUtf8OrdersPrefixesFirstAndEqualStringsEqual() {
		assertThat(GoUtf8.compareUtf8("a", "ab")).isNegative();
		assertThat(GoUtf8.compareUtf8("B", "a")).isNegative();
		assertThat(GoUtf8.compareUtf8("é", "é")).isZero();
		assertThat(GoUtf8.compareUtf8("\u07ff", "\u0800")).isNegative();
	}

	@Test
	void toWellFormedReturnsSameStringWhenNothingToRepair() {
		String s = "abc😀";
		assertThat(GoUtf8.toWellFormed(s)).isSameAs(s);
	}

	@Test
	void toWellFormedReplacesUnpairedSurrogates() {
		assertThat(GoUtf8.toWellFormed("😀\uDC00x\uD800")).isEqualTo("😀\uFFFDx\uFFFD");
	}

	@Test
	void firstInvalidUtf8AcceptsValidText() {
		byte[] bytes = "abc é € 😀".getBytes(StandardCharsets.UTF_8);
		assertThat(GoUtf8.firstInvalidUtf8(bytes, 0, bytes.length)).isEqualTo(-1);
	}

	@Test
	void firstInvalidUtf8RejectsOverlongSurrogateTruncatedAndOutOfRangeSequences() {
		assertThat(GoUtf8.firstInvalidUtf8(bytes('a', 0xC0, 0x80), 0, 3)).isEqualTo(1);
		assertThat(GoUtf8.firstInvalidUtf8(bytes(0xE0, 0x80, 0x80), 0, 3)).isZero();
		assertThat(GoUtf8.firstInvalidUtf8(bytes(0xED, 0xA0, 0x80), 0, 3)).isZero();
		assertThat(GoUtf8.firstInvalidUtf8(bytes(0xF4, 0x90, 0x80, 0x80), 0, 4)).isZero();
		assertThat(GoUtf8.firstInvalidUtf8(bytes(0xE2, 0x82), 0, 2)).isZero();
		assertThat(GoUtf8.firstInvalidUtf8(bytes(0xE2, 0x82, 0xAC), 0, 2)).isZero();
		assertThat(GoUtf8.firstInvalidUtf8(bytes(0xFF), 0, 1)).isZero();
	}

	@Test
	void toValidUtf8ReplacesEachInvalidByteWithReplacementCharacter() {
		byte[] repaired = GoUtf8.toValidUtf8(bytes('a', 0xC0, 0x80, 0xE2, 0x82, 'b', 0xE2, 0x82, 0xAC), 0, 9);
		assertThat(new String(repaired, StandardCharsets.UTF_8)).isEqualTo("a\uFFFD\uFFFD\uFFFD\uFFFDb€");
	}

	@Test
	void replaceUnpairedSurrogateEscapesRewritesOnlyUnpairedOnes() {
		byte[] json = "[\"\\ud83d\\ude00\\uD800x\\udc00\\\\ud800\",\"\\ud800\\u0041\"]"
			.getBytes(StandardCharsets.UTF_8);
		byte[] repaired = GoUtf8.replaceUnpairedSurrogateEscapes(json, 0, json.length);
		assertThat(repaired).isNotNull();
		assertThat(new String(repaired, StandardCharsets.UTF_8))
			.isEqualTo("[\"\\ud83d\\ude00\\ufffdx\\ufffd\\\\ud800\",\"\\ufffd\\u0041\"]");
	}

	@Test
	void replaceUnpairedSurrogateEscapesReturnsNullWhenNothingToRepair() {
		byte[] json = "{\"\\ud83d\\ude00\":\"\\\\ud800\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(GoUtf8.replaceUnpairedSurrogateEscapes(json, 0, json.length)).isNull();
	}

	@Test
	void quoteCharShowsBytesAsGoDoes() {
		assertThat(GoJsonScanner.quoteChar('x')).isEqualTo("'x'");
		assertThat(GoJsonScanner.quoteChar('\'')).isEqualTo("'\\''");
		assertThat(GoJsonScanner.quoteChar('"')).isEqualTo("'\"'");
		assertThat(GoJsonScanner.quoteChar('\\')).isEqualTo("'\\\\'");
		assertThat(GoJsonScanner.quoteChar('\n')).isEqualTo("'\\n'");
		assertThat(GoJsonScanner.quoteChar(0)).isEqualTo("'\\x00'");
		assertThat(GoJsonScanner.quoteChar(0x7F)).isEqualTo("'\\x7f'");
		assertThat(GoJsonScanner.quoteChar(0x85)).isEqualTo("'\\u0085'");
		assertThat(GoJsonScanner.quoteChar(0xA0)).isEqualTo("'\\u00a0'");
		assertThat(GoJsonScanner.quoteChar(0xEF)).isEqualTo("'ï'");
		assertThat(GoJsonScanner.quoteChar(0xFF)).isEqualTo("'ÿ'");
	}

	@Test
	void scanFindsEndOfFirstValue() {
		byte[] bytes = "{\"a\":[1,2]} trailing".getBytes(StandardCharsets.UTF_8);
		GoJsonScanner.Scan scan = GoJsonScanner.scan(bytes, 0, bytes.length);
		assertThat(scan.error()).isNull();
		assertThat(scan.end()).isEqualTo(11);
	}

	@Test
	void scanEndsTopLevelNumberAtFirstByteThatIsNotPartOfIt() {
		byte[] bytes = "123abc".getBytes(StandardCharsets.UTF_8);
		GoJsonScanner.Scan scan = GoJsonScanner.scan(bytes, 0, bytes.length);
		assertThat(scan.error()).isNull();
		assertThat(scan.end()).isEqualTo(3);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
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
