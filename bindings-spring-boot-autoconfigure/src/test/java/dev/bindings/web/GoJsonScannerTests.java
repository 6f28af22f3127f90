package dev.bindings.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoJsonScanner}.
 */
class GoJsonScannerTests {

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

}
