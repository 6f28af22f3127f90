package dev.bindings.web;

import java.nio.charset.StandardCharsets;

import dev.bindings.BindingRequest;
import dev.bindings.support.golang.GoJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DaprEnvelopeParser}: the vectors of daprd's request parsing (Go's
 * {@code json.Decoder} then {@code json.Marshal} of {@code data}).
 */
class DaprEnvelopeVectorsTests {

	private static BindingRequest parse(String body) throws MalformedEnvelopeException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return DaprEnvelopeParser.parse(bytes, 0, bytes.length);
	}

	private static String data(String dataJson) throws MalformedEnvelopeException {
		return new String(parse("{\"operation\":\"create\",\"data\":" + dataJson + "}").data(), StandardCharsets.UTF_8);
	}

	private static void assertError(String body, String detail) {
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> parse(body))
			.withMessage("failed deserializing HTTP body: " + detail);
	}

	@Test
	void emptyBodyIsEof() {
		assertError("", "EOF");
		assertError(" \n\t ", "EOF");
	}

	@Test
	void notJsonGivesGoScannerMessage() {
		assertError("not json", "invalid character 'o' in literal null (expecting 'u')");
		assertError("x", "invalid character 'x' looking for beginning of value");
		assertError("{\"a\" 1}", "invalid character '1' after object key");
		assertError("{\"a\":1]", "invalid character ']' after object key:value pair");
		assertError("{a:1}", "invalid character 'a' looking for beginning of object key string");
		assertError("[1 2]", "invalid character '2' after array element");
		assertError("{\"a\":\"\\x\"}", "invalid character 'x' in string escape code");
		assertError("{\"a\":tru}", "invalid character '}' in literal true (expecting 'e')");
		assertError("{\"a\":1.}", "invalid character '}' after decimal point in numeric literal");
		assertError("{\"a\":-x}", "invalid character 'x' in numeric literal");
		assertError("{\"a\":\"\n\"}", "invalid character '\\n' in string literal");
		assertError("{'a':1}", "invalid character '\\'' looking for beginning of object key string");
	}

	@Test
	void truncatedBodyIsUnexpectedEof() {
		assertError("{\"operation\":\"create\"", "unexpected EOF");
		assertError("{\"operation\":\"cre", "unexpected EOF");
		assertError("[", "unexpected EOF");
	}

	@Test
	void wrongTopLevelTypesAreGoTypeErrors() {
		assertError("[]", "json: cannot unmarshal array into Go value of type http.OutputBindingRequest");
		assertError("\"x\"", "json: cannot unmarshal string into Go value of type http.OutputBindingRequest");
		assertError("1", "json: cannot unmarshal number into Go value of type http.OutputBindingRequest");
		assertError("true", "json: cannot unmarshal bool into Go value of type http.OutputBindingRequest");
	}

	@Test
	void wrongFieldTypesAreGoTypeErrors() {
		assertError("{\"operation\":1}",
				"json: cannot unmarshal number into Go struct field OutputBindingRequest.operation of type string");
		assertError("{\"operation\":\"create\",\"metadata\":{\"k\":1}}",
				"json: cannot unmarshal number into Go struct field OutputBindingRequest.metadata of type string");
		assertError("{\"operation\":\"create\",\"metadata\":\"x\"}",
				"json: cannot unmarshal string into Go struct field OutputBindingRequest.metadata of type map[string]string");
	}

	@Test
	void nullMetadataValueBecomesEmptyString() throws Exception {
		assertThat(parse("{\"operation\":\"create\",\"metadata\":{\"k\":null}}").metadata()).containsEntry("k", "");
	}

	@Test
	void nullAndEmptyEnvelopesHaveNoOperationAndNullData() throws Exception {
		for (String body : new String[] { "null", "{}", "{\"metadata\":null}" }) {
			BindingRequest request = parse(body);
			assertThat(request.operation()).isEmpty();
			assertThat(request.metadata()).isEmpty();
			assertThat(new String(request.data(), StandardCharsets.UTF_8)).isEqualTo("null");
		}
	}

	@Test
	void trailingGarbageIsIgnored() throws Exception {
		assertThat(parse("{\"operation\":\"create\"} trailing garbage").operation()).isEqualTo("create");
	}

	@Test
	void envelopeKeysMatchCaseInsensitively() throws Exception {
		BindingRequest request = parse("{\"Operation\":\"create\",\"DATA\":\"x\",\"MetaData\":{\"k\":\"v\"}}");
		assertThat(request.operation()).isEqualTo("create");
		assertThat(new String(request.data(), StandardCharsets.UTF_8)).isEqualTo("\"x\"");
		assertThat(request.metadata()).containsEntry("k", "v");
	}

	@Test
	void unknownFieldsOfEveryTypeAreSkipped() throws Exception {
		BindingRequest request = parse(
				"{\"a\":{\"b\":[1,{\"c\":null}]},\"n\":1,\"s\":\"x\",\"t\":true,\"operation\":\"create\",\"z\":[]}");
		assertThat(request.operation()).isEqualTo("create");
	}

	@Test
	void repeatedFieldsLastWinsAndMetadataMerges() throws Exception {
		BindingRequest request = parse(
				"{\"operation\":\"a\",\"operation\":\"b\",\"metadata\":{\"x\":\"1\"},\"metadata\":{\"y\":\"2\"},\"data\":1,\"data\":2}");
		assertThat(request.operation()).isEqualTo("b");
		assertThat(request.metadata()).containsEntry("x", "1").containsEntry("y", "2");
		assertThat(new String(request.data(), StandardCharsets.UTF_8)).isEqualTo("2");
	}

	@Test
	void dataAbsentOrNullIsTheTextNull() throws Exception {
		assertThat(new String(parse("{\"operation\":\"create\"}").data(), StandardCharsets.UTF_8)).isEqualTo("null");
		assertThat(data("null")).isEqualTo("null");
	}

	@Test
	void dataStringKeepsItsQuotesAndIsNotBase64Decoded() throws Exception {
		assertThat(data("\"hello\"")).isEqualTo("\"hello\"");
		assertThat(data("\"aGVsbG8=\"")).isEqualTo("\"aGVsbG8=\"");
	}

	@Test
	void dataObjectKeysAreSortedAndWhitespaceRemoved() throws Exception {
		assertThat(data("{ \"b\" : 1 , \"a\" : 2 }")).isEqualTo("{\"a\":2,\"b\":1}");
		assertThat(data("[1, \"two\", {\"z\":1,\"y\":2}]")).isEqualTo("[1,\"two\",{\"y\":2,\"z\":1}]");
	}

	@Test
	void duplicateDataKeysKeepTheLastValue() throws Exception {
		assertThat(data("{\"k\":\"v\",\"k\":\"w\"}")).isEqualTo("{\"k\":\"w\"}");
	}

	@Test
	void htmlCharactersAndLineSeparatorsAreEscapedAsGoDoes() throws Exception {
		assertThat(data("{\"msg\":\"<b>&</b>\"}")).isEqualTo("{\"msg\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"}");
		assertThat(data("\"\\u2028 line sep\"")).isEqualTo("\"\\u2028 line sep\"");
		assertThat(data("\"caf\\u00e9 \\/ \\b\\f\\u0001\"")).isEqualTo("\"café / \\b\\f\\u0001\"");
	}

	@Test
	void loneSurrogateBecomesReplacementCharacter() throws Exception {
		assertThat(data("\"\\ud800x\"")).isEqualTo("\"\ufffdx\"");
	}

	@Test
	void numbersKeepEveryDigitUnlikeDapr() throws Exception {
		assertThat(data("12345678901234567890")).isEqualTo("12345678901234567890");
		assertThat(data("[1.50,1e21,0.0000001,-0]")).isEqualTo("[1.50,1e21,0.0000001,-0]");
		assertThat(data("true")).isEqualTo("true");
	}

	@Test
	void keysAreSortedByUtf8BytesNotUtf16Units() throws Exception {
		// U+1F600 (4 UTF-8 bytes starting F0) sorts after U+FF21 (EF BC A1) in Go
		assertThat(data("{\"\ud83d\ude00\":1,\"\uff21\":2}")).isEqualTo("{\"\uff21\":2,\"\ud83d\ude00\":1}");
	}

	@Test
	void deepNestingWithinGoLimitIsAccepted() throws Exception {
		int depth = 9990;
		String nested = "[".repeat(depth) + "]".repeat(depth);
		assertThat(data(nested)).isEqualTo(nested);
	}

	@Test
	void nestingBeyondGoLimitIsAnErrorNotACrash() {
		String nested = "[".repeat(10001) + "]".repeat(10001);
		assertError(nested, "invalid character '[' exceeded max depth");
	}

	@Test
	void largeStringRoundTrips() throws Exception {
		String big = "x".repeat(3 * 1024 * 1024);
		assertThat(data("\"" + big + "\"")).hasSize(big.length() + 2);
	}

	@Test
	void offsetAndLengthAreHonoured() throws Exception {
		byte[] bytes = "garbage{\"operation\":\"create\"}garbage".getBytes(StandardCharsets.UTF_8);
		assertThat(DaprEnvelopeParser.parse(bytes, 7, 22).operation()).isEqualTo("create");
	}

	@Test
	void errorBodyIsGoEncoded() {
		assertThat(new String(GoJson.errorBody("ERR_X", "a \"b\" <c>"), StandardCharsets.UTF_8))
			.isEqualTo("{\"errorCode\":\"ERR_X\",\"message\":\"a \\\"b\\\" \\u003cc\\u003e\"}");
	}

}
