package dev.bindings.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoUtf8}.
 */
class GoUtf8Tests {

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

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
