package dev.bindings.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.bindings.BindingRequest;
import dev.bindings.support.golang.GoJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link DaprEnvelopeParser}. The expected values are those of daprd (Go's
 * {@code encoding/json}), except that numbers keep their digits.
 */
class DaprEnvelopeParserTests {

	// Request body table

	@Test
	void emptyBodyIsEof() {
		assertError("", "EOF");
	}

	@Test
	void whitespaceOnlyBodyIsEof() {
		assertError(" \t\r\n ", "EOF");
	}

	@Test
	void notJsonIsGoLiteralError() {
		assertError("not json", "invalid character 'o' in literal null (expecting 'u')");
	}

	@Test
	void bodyCutShortIsUnexpectedEof() {
		assertError("{\"operation\":\"create\"", "unexpected EOF");
	}

	@Test
	void bodyCutShortInsideStringIsUnexpectedEof() {
		assertError("{\"data\":\"abc", "unexpected EOF");
	}

	@Test
	void bodyCutShortInsideLiteralIsUnexpectedEof() {
		assertError("{\"data\":nu", "unexpected EOF");
	}

	@Test
	void bodyCutShortInsideDataArrayIsUnexpectedEof() {
		assertError("{\"data\":[1,{\"a\":", "unexpected EOF");
	}

	@Test
	void topLevelArrayIsRejected() {
		assertError("[]", "json: cannot unmarshal array into Go value of type http.OutputBindingRequest");
	}

	@Test
	void topLevelStringIsRejected() {
		assertError("\"x\"", "json: cannot unmarshal string into Go value of type http.OutputBindingRequest");
	}

	@Test
	void topLevelNumberIsRejected() {
		assertError("12.5", "json: cannot unmarshal number into Go value of type http.OutputBindingRequest");
	}

	@Test
	void topLevelBoolIsRejected() {
		assertError("false", "json: cannot unmarshal bool into Go value of type http.OutputBindingRequest");
	}

	@Test
	void numericOperationIsRejected() {
		assertError("{\"operation\":1}",
				"json: cannot unmarshal number into Go struct field OutputBindingRequest.operation of type string");
	}

	@Test
	void objectOperationIsRejected() {
		assertError("{\"operation\":{}}",
				"json: cannot unmarshal object into Go struct field OutputBindingRequest.operation of type string");
	}

	@Test
	void boolOperationIsRejected() {
		assertError("{\"operation\":true}",
				"json: cannot unmarshal bool into Go struct field OutputBindingRequest.operation of type string");
	}

	@Test
	void numericMetadataValueIsRejected() {
		assertError("{\"operation\":\"create\",\"metadata\":{\"k\":1}}",
				"json: cannot unmarshal number into Go struct field OutputBindingRequest.metadata of type string");
	}

	@Test
	void arrayMetadataValueIsRejected() {
		assertError("{\"metadata\":{\"k\":[\"v\"]}}",
				"json: cannot unmarshal array into Go struct field OutputBindingRequest.metadata of type string");
	}

	@Test
	void objectMetadataValueIsRejected() {
		assertError("{\"metadata\":{\"k\":{}}}",
				"json: cannot unmarshal object into Go struct field OutputBindingRequest.metadata of type string");
	}

	@Test
	void boolMetadataValueIsRejected() {
		assertError("{\"metadata\":{\"k\":false}}",
				"json: cannot unmarshal bool into Go struct field OutputBindingRequest.metadata of type string");
	}

	@Test
	void stringMetadataIsRejected() {
		assertError("{\"operation\":\"create\",\"metadata\":\"x\"}",
				"json: cannot unmarshal string into Go struct field OutputBindingRequest.metadata of type map[string]string");
	}

	@Test
	void arrayMetadataIsRejected() {
		assertError("{\"metadata\":[]}",
				"json: cannot unmarshal array into Go struct field OutputBindingRequest.metadata of type map[string]string");
	}

	@Test
	void numericMetadataIsRejected() {
		assertError("{\"metadata\":0}",
				"json: cannot unmarshal number into Go struct field OutputBindingRequest.metadata of type map[string]string");
	}

	@Test
	void nullMetadataValueBecomesEmptyString() throws Exception {
		BindingRequest request = parse("{\"operation\":\"create\",\"metadata\":{\"k\":null}}");
		assertThat(request.metadata()).containsExactly(entry("k", ""));
	}

	@Test
	void nullBodyIsAcceptedWithEmptyOperationAndNullData() throws Exception {
		BindingRequest request = parse("null");
		assertThat(request.operation()).isEmpty();
		assertThat(request.metadata()).isEmpty();
		assertThat(dataOf(request)).isEqualTo("null");
	}

	@Test
	void emptyObjectIsAcceptedWithEmptyOperation() throws Exception {
		BindingRequest request = parse("{}");
		assertThat(request.operation()).isEmpty();
		assertThat(request.metadata()).isEmpty();
		assertThat(dataOf(request)).isEqualTo("null");
	}

	@Test
	void nullMetadataIsAcceptedAsNoMetadata() throws Exception {
		BindingRequest request = parse("{\"metadata\":null}");
		assertThat(request.operation()).isEmpty();
		assertThat(request.metadata()).isEmpty();
	}

	@Test
	void trailingGarbageAfterFirstValueIsIgnored() throws Exception {
		BindingRequest request = parse("{\"operation\":\"create\"} trailing garbage");
		assertThat(request.operation()).isEqualTo("create");
	}

	@Test
	void trailingGarbageDirectlyAfterObjectIsIgnored() throws Exception {
		assertThat(parse("{\"operation\":\"create\"}}{[").operation()).isEqualTo("create");
	}

	@Test
	void trailingInvalidUtf8IsIgnored() throws Exception {
		byte[] body = concat("{\"operation\":\"create\"}".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xFF, 0 });
		assertThat(DaprEnvelopeParser.parse(body).operation()).isEqualTo("create");
	}

	@Test
	void topLevelNullDirectlyFollowedByGarbageIsAccepted() throws Exception {
		assertThat(parse("nullx").operation()).isEmpty();
	}

	@Test
	void topLevelNumberDirectlyFollowedByGarbageIsNumberTypeError() {
		assertError("123abc", "json: cannot unmarshal number into Go value of type http.OutputBindingRequest");
	}

	@Test
	void topLevelNumberWithLeadingZeroIsNumberTypeError() {
		assertError("01", "json: cannot unmarshal number into Go value of type http.OutputBindingRequest");
	}

	@Test
	void topLevelBoolDirectlyFollowedByGarbageIsBoolTypeError() {
		assertError("truex", "json: cannot unmarshal bool into Go value of type http.OutputBindingRequest");
	}

	@Test
	void keysMatchFieldsCaseInsensitively() throws Exception {
		BindingRequest request = parse("{\"Operation\":\"create\",\"DATA\":\"x\",\"MetaData\":{\"k\":\"v\"}}");
		assertThat(request.operation()).isEqualTo("create");
		assertThat(dataOf(request)).isEqualTo("\"x\"");
		assertThat(request.metadata()).containsExactly(entry("k", "v"));
	}

	@Test
	void keysMatchFieldsAfterUnicodeFoldingAsGoDoes() throws Exception {
		// Go folds each non-ASCII rune to upper(lower(r)): dotless and dotted I become I
		assertThat(parse("{\"operat\u0131on\":\"a\"}").operation()).isEqualTo("a");
		assertThat(parse("{\"OPERAT\u0130ON\":\"b\"}").operation()).isEqualTo("b");
	}

	@Test
	void keysThatOnlyResembleFieldsAreUnknown() throws Exception {
		BindingRequest request = parse("{\"operations\":\"a\",\"dat\":1,\"meta_data\":{\"k\":\"v\"}}");
		assertThat(request.operation()).isEmpty();
		assertThat(dataOf(request)).isEqualTo("null");
		assertThat(request.metadata()).isEmpty();
	}

	@Test
	void escapedKeysMatchFields() throws Exception {
		assertThat(parse("{\"oper\\u0061tion\":\"create\"}").operation()).isEqualTo("create");
	}

	@Test
	void exactAndFoldedKeysSetTheSameFieldLastOneWins() throws Exception {
		assertThat(parse("{\"operation\":\"a\",\"OPERATION\":\"b\"}").operation()).isEqualTo("b");
		assertThat(parse("{\"OPERATION\":\"b\",\"operation\":\"a\"}").operation()).isEqualTo("a");
	}

	@Test
	void duplicateDataKeepsLastValue() throws Exception {
		assertThat(dataOf("{\"data\":{\"a\":1},\"data\":[2]}")).isEqualTo("[2]");
	}

	@Test
	void laterNullDataReplacesEarlierData() throws Exception {
		assertThat(dataOf("{\"data\":{\"a\":1},\"Data\":null}")).isEqualTo("null");
	}

	@Test
	void nullOperationLeavesEarlierOperation() throws Exception {
		assertThat(parse("{\"operation\":\"create\",\"operation\":null}").operation()).isEqualTo("create");
	}

	@Test
	void repeatedMetadataObjectsMergeAsGoDoes() throws Exception {
		BindingRequest request = parse(
				"{\"metadata\":{\"a\":\"1\",\"b\":\"2\"},\"metadata\":{\"b\":\"3\",\"c\":\"4\"}}");
		assertThat(request.metadata()).containsExactly(entry("a", "1"), entry("b", "3"), entry("c", "4"));
	}

	@Test
	void nullMetadataDiscardsEarlierMetadata() throws Exception {
		BindingRequest request = parse("{\"metadata\":{\"a\":\"1\"},\"metadata\":null,\"metadata\":{\"c\":\"4\"}}");
		assertThat(request.metadata()).containsExactly(entry("c", "4"));
	}

	@Test
	void duplicateMetadataKeyKeepsLastValue() throws Exception {
		assertThat(parse("{\"metadata\":{\"k\":\"v\",\"k\":\"w\"}}").metadata()).containsExactly(entry("k", "w"));
	}

	@Test
	void metadataKeepsInsertionOrder() throws Exception {
		BindingRequest request = parse("{\"metadata\":{\"z\":\"1\",\"a\":\"2\",\"m\":\"3\"}}");
		assertThat(request.metadata()).containsExactly(entry("z", "1"), entry("a", "2"), entry("m", "3"));
	}

	@Test
	void metadataStringsAreUnescaped() throws Exception {
		BindingRequest request = parse("{\"metadata\":{\"k\\n\":\"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\"}}");
		assertThat(request.metadata()).containsExactly(entry("k\n", "café \"q\" 😀"));
	}

	@Test
	void unknownFieldIsIgnored() throws Exception {
		BindingRequest request = parse("{\"operation\":\"create\",\"unknown\":1}");
		assertThat(request.operation()).isEqualTo("create");
		assertThat(dataOf(request)).isEqualTo("null");
	}

	@Test
	void unknownFieldsOfEveryTypeAreSkipped() throws Exception {
		BindingRequest request = parse(
				"{\"s\":\"x\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,[2,{\"operation\":\"no\"}]],"
						+ "\"o\":{\"data\":\"no\",\"metadata\":{\"x\":1}},\"operation\":\"create\",\"e\":{},\"ea\":[]}");
		assertThat(request.operation()).isEqualTo("create");
		assertThat(dataOf(request)).isEqualTo("null");
		assertThat(request.metadata()).isEmpty();
	}

	@Test
	void absentDataIsNull() throws Exception {
		assertThat(dataOf("{\"operation\":\"create\"}")).isEqualTo("null");
	}

	@Test
	void nullDataIsNull() throws Exception {
		assertThat(dataOf("{\"operation\":\"create\",\"data\":null}")).isEqualTo("null");
	}

	@Test
	void stringDataKeepsItsQuotes() throws Exception {
		byte[] data = parse("{\"data\":\"hello\"}").data();
		assertThat(data).hasSize(7);
		assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("\"hello\"");
	}

	@Test
	void base64StringDataIsNotDecoded() throws Exception {
		assertThat(dataOf("{\"data\":\"aGVsbG8=\"}")).isEqualTo("\"aGVsbG8=\"");
	}

	@Test
	void dataObjectKeysAreSortedAndWhitespaceRemoved() throws Exception {
		assertThat(dataOf("{\"data\": { \"b\" : 1 ,\n \"a\" : 2 } }")).isEqualTo("{\"a\":2,\"b\":1}");
	}

	@Test
	void sortedDataObjectIsCompacted() throws Exception {
		assertThat(dataOf("{\"data\": {\t\"a\" : [ 1 , true , null ] , \"b\" : { } , \"c\" : [ ] } }"))
			.isEqualTo("{\"a\":[1,true,null],\"b\":{},\"c\":[]}");
	}

	@Test
	void duplicateDataKeyKeepsLastValue() throws Exception {
		assertThat(dataOf("{\"data\":{\"k\":\"v\",\"k\":\"w\"}}")).isEqualTo("{\"k\":\"w\"}");
	}

	@Test
	void duplicateDataKeyKeepsLastValueAmongOtherKeys() throws Exception {
		assertThat(dataOf("{\"data\":{\"k\":{\"x\":1},\"a\":0,\"k\":[2],\"b\":1,\"k\":3}}"))
			.isEqualTo("{\"a\":0,\"b\":1,\"k\":3}");
	}

	@Test
	void htmlCharactersInDataAreEscaped() throws Exception {
		assertThat(dataOf("{\"data\":{\"msg\":\"<b>&</b>\"}}"))
			.isEqualTo("{\"msg\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"}");
	}

	@Test
	void htmlCharactersInDataKeysAreEscaped() throws Exception {
		assertThat(dataOf("{\"data\":{\"<&>\":1}}")).isEqualTo("{\"\\u003c\\u0026\\u003e\":1}");
	}

	@Test
	void lineAndParagraphSeparatorsInDataAreEscaped() throws Exception {
		assertThat(dataOf("{\"data\":\"\\u2028 line sep \u2029\"}")).isEqualTo("\"\\u2028 line sep \\u2029\"");
	}

	@Test
	void otherEscapesInDataAreNormalisedToRawUtf8() throws Exception {
		byte[] data = parse("{\"data\":\"caf\\u00e9 \\/ \\ud83d\\ude00\"}").data();
		assertThat(data).isEqualTo("\"café / 😀\"".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void controlCharactersInDataAreEscapedAsGoDoes() throws Exception {
		assertThat(dataOf("{\"data\":\"\\u0001\\b\\f\\n\\r\\t\\u001F\\u007f\\\"\\\\\"}"))
			.isEqualTo("\"\\u0001\\b\\f\\n\\r\\t\\u001f\u007f\\\"\\\\\"");
	}

	@Test
	void unpairedSurrogateEscapesInDataBecomeReplacementCharacter() throws Exception {
		assertThat(dataOf("{\"data\":[\"\\ud800\",\"\\udc00x\",\"\\ud800\\ud83d\\ude00\"]}"))
			.isEqualTo("[\"\uFFFD\",\"\uFFFDx\",\"\uFFFD😀\"]");
	}

	@Test
	void dataKeysThatBecomeEqualAfterRepairAreDuplicates() throws Exception {
		assertThat(dataOf("{\"data\":{\"\\ud800\":1,\"\\udbff\":2}}")).isEqualTo("{\"\uFFFD\":2}");
	}

	@Test
	void unpairedSurrogateEscapesInMetadataBecomeReplacementCharacter() throws Exception {
		BindingRequest request = parse(
				"{\"metadata\":{\"k\\ud800\":\"\\udc00v\"},\"x\\udbff\":1,\"operation\":\"o\\ud800\"}");
		assertThat(request.operation()).isEqualTo("o\uFFFD");
		assertThat(request.metadata()).containsExactly(entry("k\uFFFD", "\uFFFDv"));
	}

	@Test
	void escapedBackslashBeforeSurrogateLikeTextIsKept() throws Exception {
		assertThat(dataOf("{\"data\":{\"\\\\ud800\":\"\\\\ud800\"}}")).isEqualTo("{\"\\\\ud800\":\"\\\\ud800\"}");
	}

	@Test
	void largeIntegerKeepsAllDigits() throws Exception {
		assertThat(dataOf("{\"data\":12345678901234567890}")).isEqualTo("12345678901234567890");
	}

	@Test
	void decimalKeepsTrailingZero() throws Exception {
		assertThat(dataOf("{\"data\":1.50}")).isEqualTo("1.50");
	}

	@Test
	void exponentKeepsItsText() throws Exception {
		assertThat(dataOf("{\"data\":1e21}")).isEqualTo("1e21");
		assertThat(dataOf("{\"data\":-2.5E+300}")).isEqualTo("-2.5E+300");
	}

	@Test
	void smallDecimalKeepsItsText() throws Exception {
		assertThat(dataOf("{\"data\":0.0000001}")).isEqualTo("0.0000001");
		assertThat(dataOf("{\"data\":-0}")).isEqualTo("-0");
	}

	@Test
	void numbersInsideDataKeepTheirText() throws Exception {
		assertThat(dataOf("{\"data\":{\"b\":[1.50,1e21],\"a\":12345678901234567890}}"))
			.isEqualTo("{\"a\":12345678901234567890,\"b\":[1.50,1e21]}");
	}

	@Test
	void veryLongNumberKeepsAllDigits() throws Exception {
		String digits = "9".repeat(5000);
		assertThat(dataOf("{\"data\":" + digits + "}")).isEqualTo(digits);
	}

	@Test
	void trueDataIsTrue() throws Exception {
		assertThat(dataOf("{\"data\":true}")).isEqualTo("true");
		assertThat(dataOf("{\"data\":false}")).isEqualTo("false");
	}

	@Test
	void mixedArrayDataIsNormalised() throws Exception {
		assertThat(dataOf("{\"data\":[1,\"two\",{\"z\":1,\"y\":2}]}")).isEqualTo("[1,\"two\",{\"y\":2,\"z\":1}]");
	}

	@Test
	void nestedUnsortedObjectsAreSortedAtEveryLevel() throws Exception {
		assertThat(dataOf("{\"data\":{\"b\":{\"d\":[{\"f\":1,\"e\":2}],\"c\":3},\"a\":[{\"h\":0,\"g\":{}}]}}"))
			.isEqualTo("{\"a\":[{\"g\":{},\"h\":0}],\"b\":{\"c\":3,\"d\":[{\"e\":2,\"f\":1}]}}");
	}

	@Test
	void sortedObjectInsideUnsortedObjectIsKept() throws Exception {
		assertThat(dataOf("{\"data\":{\"z\":{\"a\":1,\"b\":[1,2]},\"y\":\"<\"}}"))
			.isEqualTo("{\"y\":\"\\u003c\",\"z\":{\"a\":1,\"b\":[1,2]}}");
	}

	@Test
	void dataKeysSortByUtf8BytesNotUtf16Units() throws Exception {
		// U+FB01 (EF AC 81) sorts before U+1F600 (F0 9F 98 80) in Go, after it in UTF-16
		assertThat(dataOf("{\"data\":{\"😀\":1,\"\uFB01\":2,\"\u00e9\":3,\"z\":4}}"))
			.isEqualTo("{\"z\":4,\"é\":3,\"\uFB01\":2,\"😀\":1}");
	}

	@Test
	void dataKeysSortCaseSensitively() throws Exception {
		assertThat(dataOf("{\"data\":{\"b\":1,\"B\":2,\"a\":3,\"A\":4,\"\":5}}"))
			.isEqualTo("{\"\":5,\"A\":4,\"B\":2,\"a\":3,\"b\":1}");
	}

	@Test
	void dataIsTakenFromEnvelopeWhateverFieldOrder() throws Exception {
		BindingRequest request = parse(
				"{\"data\":{\"b\":1,\"a\":2},\"metadata\":{\"k\":\"v\"},\"operation\":\"create\"}");
		assertThat(request.operation()).isEqualTo("create");
		assertThat(request.metadata()).containsExactly(entry("k", "v"));
		assertThat(dataOf(request)).isEqualTo("{\"a\":2,\"b\":1}");
	}

	@Test
	void randomDataMatchesReferenceSerialisation() throws Exception {
		Random random = new Random(42);
		for (int i = 0; i < 2000; i++) {
			StringBuilder json = new StringBuilder();
			StringBuilder expected = new StringBuilder();
			randomValue(random, 0, json, expected);
			assertThat(dataOf("{\"data\":" + json + "}")).as(json.toString()).isEqualTo(expected.toString());
		}
	}

	// Syntax errors

	@Test
	void missingColonIsErrorAfterObjectKey() {
		assertError("{\"operation\" }", "invalid character '}' after object key");
	}

	@Test
	void wrongCloserIsErrorAfterKeyValuePair() {
		assertError("{\"operation\":\"create\"]", "invalid character ']' after object key:value pair");
	}

	@Test
	void unquotedKeyIsErrorLookingForKeyString() {
		assertError("{a:1}", "invalid character 'a' looking for beginning of object key string");
	}

	@Test
	void trailingCommaInObjectIsErrorLookingForKeyString() {
		assertError("{\"data\":1,}", "invalid character '}' looking for beginning of object key string");
	}

	@Test
	void garbageInArrayIsErrorAfterArrayElement() {
		assertError("{\"data\":[1 x]}", "invalid character 'x' after array element");
	}

	@Test
	void trailingCommaInArrayIsErrorLookingForValue() {
		assertError("{\"data\":[1,]}", "invalid character ']' looking for beginning of value");
	}

	@Test
	void unknownCharacterIsErrorLookingForValue() {
		assertError("x", "invalid character 'x' looking for beginning of value");
	}

	@Test
	void singleQuoteIsQuotedWithBackslash() {
		assertError("{\"data\":'x'}", "invalid character '\\'' looking for beginning of value");
	}

	@Test
	void doubleQuoteIsQuotedPlainly() {
		assertError("{\"data\":1\"}", "invalid character '\"' after object key:value pair");
	}

	@Test
	void rawNewlineInStringIsErrorInStringLiteral() {
		assertError("{\"data\":\"a\nb\"}", "invalid character '\\n' in string literal");
	}

	@Test
	void rawControlCharacterInStringIsShownAsHex() {
		assertError("{\"data\":\"a\u0001\"}", "invalid character '\\x01' in string literal");
	}

	@Test
	void unknownEscapeIsErrorInStringEscapeCode() {
		assertError("{\"data\":\"\\x\"}", "invalid character 'x' in string escape code");
	}

	@Test
	void badUnicodeEscapeIsErrorInHexEscape() {
		assertError("{\"data\":\"\\u12g4\"}", "invalid character 'g' in \\u hexadecimal character escape");
	}

	@Test
	void minusWithoutDigitIsErrorInNumericLiteral() {
		assertError("{\"data\":-x}", "invalid character 'x' in numeric literal");
	}

	@Test
	void decimalPointWithoutDigitIsError() {
		assertError("{\"data\":1.}", "invalid character '}' after decimal point in numeric literal");
	}

	@Test
	void exponentWithoutDigitIsError() {
		assertError("{\"data\":1e+}", "invalid character '}' in exponent of numeric literal");
	}

	@Test
	void leadingZeroIsErrorAfterTheZero() {
		assertError("{\"data\":01}", "invalid character '1' after object key:value pair");
	}

	@Test
	void leadingPlusIsErrorLookingForValue() {
		assertError("{\"data\":+1}", "invalid character '+' looking for beginning of value");
	}

	@Test
	void misspelledTrueIsErrorInLiteral() {
		assertError("{\"data\":trve}", "invalid character 'v' in literal true (expecting 'u')");
	}

	@Test
	void misspelledFalseIsErrorInLiteral() {
		assertError("{\"data\":fals}", "invalid character '}' in literal false (expecting 'e')");
	}

	@Test
	void literalRunningIntoLetterIsErrorAfterValue() {
		assertError("{\"data\":nullx}", "invalid character 'x' after object key:value pair");
	}

	@Test
	void notANumberIsErrorLookingForValue() {
		assertError("{\"data\":NaN}", "invalid character 'N' looking for beginning of value");
	}

	@Test
	void commentIsErrorLookingForValue() {
		assertError("{\"data\":/*c*/1}", "invalid character '/' looking for beginning of value");
	}

	@Test
	void byteOrderMarkIsErrorLookingForValue() {
		byte[] body = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				"{}".getBytes(StandardCharsets.UTF_8));
		assertError(body, "invalid character 'ï' looking for beginning of value");
	}

	@Test
	void nulByteIsShownAsHex() {
		assertError(new byte[] { '{', 0, 0, 0 },
				"invalid character '\\x00' looking for beginning of object key string");
	}

	@Test
	void utf16TextIsNotDetectedAsSuch() {
		assertError("{}".getBytes(StandardCharsets.UTF_16LE),
				"invalid character '\\x00' looking for beginning of object key string");
	}

	@Test
	void syntaxErrorAfterTypeErrorWins() {
		assertError("{\"operation\":1,}", "invalid character '}' looking for beginning of object key string");
	}

	@Test
	void unexpectedEofAfterTypeErrorWins() {
		assertError("{\"operation\":1,\"data\":[", "unexpected EOF");
	}

	@Test
	void firstTypeErrorWins() {
		assertError("{\"metadata\":{\"k\":1},\"operation\":2}",
				"json: cannot unmarshal number into Go struct field OutputBindingRequest.metadata of type string");
	}

	@Test
	void messageHasDaprPrefix() {
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> parse(""))
			.withMessage("failed deserializing HTTP body: EOF");
	}

	// Limits

	@Test
	void dataNestedToGoMaximumDepthParses() throws Exception {
		// the envelope object is the first of Go's 10000 levels
		String nested = "[".repeat(9999) + "]".repeat(9999);
		assertThat(dataOf("{\"data\":" + nested + "}")).isEqualTo(nested);
	}

	@Test
	void deepUnsortedObjectsAreSortedWithoutRecursion() throws Exception {
		int depth = 9998;
		StringBuilder json = new StringBuilder();
		StringBuilder expected = new StringBuilder();
		json.append("{\"b\":".repeat(depth)).append("0").append(",\"a\":1}".repeat(depth));
		expected.append("{\"a\":1,\"b\":".repeat(depth)).append("0").append("}".repeat(depth));
		assertThat(dataOf("{\"data\":" + json + "}")).isEqualTo(expected.toString());
	}

	@Test
	void dataNestedBeyondGoMaximumDepthIsRejected() {
		String nested = "[".repeat(10000) + "]".repeat(10000);
		assertError("{\"data\":" + nested + "}", "invalid character '[' exceeded max depth");
	}

	@Test
	void extremelyDeepNestingIsRejectedWithoutStackOverflow() {
		assertError("{\"data\":" + "[".repeat(1_000_000), "invalid character '[' exceeded max depth");
	}

	@Test
	void deeplyNestedUnknownFieldBeyondMaximumDepthIsRejected() {
		assertError("{\"x\":" + "{\"a\":".repeat(10000) + "1" + "}".repeat(10001),
				"invalid character '{' exceeded max depth");
	}

	@Test
	void threeMebibyteStringRoundTrips() throws Exception {
		String text = "abcdefgh".repeat(3 * 1024 * 1024 / 8);
		assertThat(dataOf("{\"data\":\"" + text + "\"}")).isEqualTo("\"" + text + "\"");
	}

	@Test
	void threeMebibyteStringNeedingEscapesRoundTrips() throws Exception {
		String unit = "a<é😀\u2028";
		String text = unit.repeat(3 * 1024 * 1024 / 12);
		String expected = "\"" + "a\\u003cé😀\\u2028".repeat(3 * 1024 * 1024 / 12) + "\"";
		assertThat(dataOf("{\"data\":{\"b\":[\"" + text + "\"],\"a\":0}}"))
			.isEqualTo("{\"a\":0,\"b\":[" + expected + "]}");
	}

	// Invalid UTF-8

	@Test
	void invalidUtf8InDataStringBecomesReplacementCharacter() throws Exception {
		byte[] body = concat("{\"data\":\"a".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xFF },
				"b\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(DaprEnvelopeParser.parse(body).data()).isEqualTo("\"a\uFFFDb\"".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void overlongNulInDataStringBecomesTwoReplacementCharacters() throws Exception {
		byte[] body = concat("{\"data\":[\"".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC0, (byte) 0x80 },
				"\"]}".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(DaprEnvelopeParser.parse(body).data(), StandardCharsets.UTF_8))
			.isEqualTo("[\"\uFFFD\uFFFD\"]");
	}

	@Test
	void encodedSurrogateInDataStringBecomesReplacementCharacters() throws Exception {
		byte[] body = concat("{\"data\":\"".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, "\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(DaprEnvelopeParser.parse(body).data(), StandardCharsets.UTF_8))
			.isEqualTo("\"\uFFFD\uFFFD\uFFFD\"");
	}

	@Test
	void invalidUtf8InKeysAndMetadataBecomesReplacementCharacter() throws Exception {
		byte[] body = concat("{\"metadata\":{\"k".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xE2, (byte) 0x82 }, "\":\"v".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0x80 }, "\"},\"operation\":\"c\"}".getBytes(StandardCharsets.UTF_8));
		BindingRequest request = DaprEnvelopeParser.parse(body);
		assertThat(request.operation()).isEqualTo("c");
		assertThat(request.metadata()).containsExactly(entry("k\uFFFD\uFFFD", "v\uFFFD"));
	}

	@Test
	void invalidUtf8OutsideStringsIsSyntaxError() {
		byte[] body = concat("{\"data\":".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xFF, '}' });
		assertError(body, "invalid character 'ÿ' looking for beginning of value");
	}

	@Test
	void nonAsciiOutsideStringsIsSyntaxErrorOnItsFirstByte() {
		assertError("{\"data\":é}", "invalid character 'Ã' looking for beginning of value");
	}

	// Arguments

	@Test
	void offsetAndLengthAreHonoured() throws Exception {
		byte[] envelope = "{\"operation\":\"create\",\"data\":{\"b\":1,\"a\":2}}".getBytes(StandardCharsets.UTF_8);
		byte[] buffer = concat("[garbage".getBytes(StandardCharsets.UTF_8), envelope,
				"\"more".getBytes(StandardCharsets.UTF_8));
		BindingRequest request = DaprEnvelopeParser.parse(buffer, 8, envelope.length);
		assertThat(request.operation()).isEqualTo("create");
		assertThat(dataOf(request)).isEqualTo("{\"a\":2,\"b\":1}");
	}

	@Test
	void lengthCuttingTheEnvelopeShortIsUnexpectedEof() {
		byte[] buffer = "xx{\"operation\":\"create\"}".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> DaprEnvelopeParser.parse(buffer, 2, buffer.length - 3))
			.satisfies((ex) -> assertThat(ex.getDetail()).isEqualTo("unexpected EOF"));
	}

	@Test
	void emptyRangeIsEof() {
		byte[] buffer = "{}".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> DaprEnvelopeParser.parse(buffer, 1, 0))
			.satisfies((ex) -> assertThat(ex.getDetail()).isEqualTo("EOF"));
	}

	@Test
	void rangeOutsideArrayIsRejected() {
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> DaprEnvelopeParser.parse(new byte[4], 2, 3));
	}

	@Test
	void dataIsFreshArrayForEachRequest() throws Exception {
		byte[] first = parse("{}").data();
		first[0] = 'x';
		assertThat(dataOf("{}")).isEqualTo("null");
	}

	@Test
	void withAMetadataLimitAtMostOneEntryMoreIsKeptAndTheRestIsStillRead() throws MalformedEnvelopeException {
		byte[] body = "{\"metadata\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\",\"a\":\"5\"},\"operation\":\"create\"}"
			.getBytes(StandardCharsets.UTF_8);
		BindingRequest request = DaprEnvelopeParser.parse(body, 0, body.length, 2);
		assertThat(request.metadata()).containsOnlyKeys("a", "b", "c").containsEntry("a", "5");
		assertThat(request.operation()).isEqualTo("create");
		assertThat(DaprEnvelopeParser.parse(body, 0, body.length, 4).metadata()).hasSize(4);
	}

	@Test
	void withAMetadataLimitGosErrorsStillComeFirst() {
		byte[] body = "{\"metadata\":{\"a\":\"1\",\"b\":\"2\",\"c\":3}}".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> DaprEnvelopeParser.parse(body, 0, body.length, 1))
			.withMessageContaining("cannot unmarshal number into Go struct field OutputBindingRequest.metadata");
	}

	// Helpers

	private static BindingRequest parse(String json) throws MalformedEnvelopeException {
		return DaprEnvelopeParser.parse(json.getBytes(StandardCharsets.UTF_8));
	}

	private static String dataOf(String json) throws MalformedEnvelopeException {
		return dataOf(parse(json));
	}

	private static String dataOf(BindingRequest request) {
		assertThat(request.data()).isNotNull();
		return new String(request.data(), StandardCharsets.UTF_8);
	}

	private static void assertError(String json, String detail) {
		assertError(json.getBytes(StandardCharsets.UTF_8), detail);
	}

	private static void assertError(byte[] body, String detail) {
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> DaprEnvelopeParser.parse(body))
			.satisfies((ex) -> {
				assertThat(ex.getDetail()).isEqualTo(detail);
				assertThat(ex.getMessage()).isEqualTo("failed deserializing HTTP body: " + detail);
			});
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static final String[] KEYS = { "a", "b", "B", "", "é", "\uFB01", "😀", "a<", "k\n", "\u2028", "ab" };

	private static final String[] STRINGS = { "", "x", "<&>", "caf\u00e9", "😀", "\u0000\u001f\"\\/", "\u2029",
			"\uE000" };

	private static final String[] NUMBERS = { "0", "-0", "1.50", "1e21", "-2.5E-3", "12345678901234567890" };

	/**
	 * Append a random value as JSON (with random spacing, key order and duplicates) and
	 * as the text Go would marshal for it.
	 */
	private static void randomValue(Random random, int depth, StringBuilder json, StringBuilder expected) {
		int kind = random.nextInt((depth < 5) ? 7 : 5);
		switch (kind) {
			case 0 -> {
				String s = STRINGS[random.nextInt(STRINGS.length)];
				json.append(jsonEscape(s, random));
				expected.append(goQuote(s));
			}
			case 1 -> {
				String n = NUMBERS[random.nextInt(NUMBERS.length)];
				json.append(n);
				expected.append(n);
			}
			case 2 -> {
				json.append("true");
				expected.append("true");
			}
			case 3 -> {
				json.append("false");
				expected.append("false");
			}
			case 4 -> {
				json.append("null");
				expected.append("null");
			}
			case 5 -> {
				int size = random.nextInt(4);
				json.append('[').append(space(random));
				expected.append('[');
				for (int i = 0; i < size; i++) {
					if (i > 0) {
						json.append(',').append(space(random));
						expected.append(',');
					}
					randomValue(random, depth + 1, json, expected);
					json.append(space(random));
				}
				json.append(']');
				expected.append(']');
			}
			default -> {
				int size = random.nextInt(5);
				Map<String, String> entries = new TreeMap<>((a, b) -> Arrays
					.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
				json.append('{').append(space(random));
				for (int i = 0; i < size; i++) {
					String key = KEYS[random.nextInt(KEYS.length)];
					if (i > 0) {
						json.append(',').append(space(random));
					}
					json.append(jsonEscape(key, random)).append(space(random)).append(':').append(space(random));
					StringBuilder value = new StringBuilder();
					randomValue(random, depth + 1, json, value);
					json.append(space(random));
					entries.put(key, value.toString());
				}
				json.append('}');
				expected.append('{');
				boolean first = true;
				for (Map.Entry<String, String> entry : entries.entrySet()) {
					if (!first) {
						expected.append(',');
					}
					first = false;
					expected.append(goQuote(entry.getKey())).append(':').append(entry.getValue());
				}
				expected.append('}');
			}
		}
	}

	private static String space(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> " ";
			case 1 -> "\n\t";
			case 2 -> "\r\n  ";
			default -> "";
		};
	}

	/**
	 * JSON text for a string, escaping some characters that need no escape.
	 */
	private static String jsonEscape(String s, Random random) {
		StringBuilder sb = new StringBuilder("\"");
		s.codePoints().forEach((c) -> {
			if (c < 0x20 || c == '"' || c == '\\' || random.nextBoolean()) {
				for (char unit : Character.toChars(c)) {
					sb.append(String.format("\\u%04X", (int) unit));
				}
			}
			else {
				sb.appendCodePoint(c);
			}
		});
		return sb.append('"').toString();
	}

	/**
	 * Go's string encoding, written independently of {@link GoJson}, one code point at a
	 * time.
	 */
	private static String goQuote(String s) {
		StringBuilder sb = new StringBuilder("\"");
		s.codePoints().forEach((c) -> {
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				case '\b' -> sb.append("\\b");
				case '\f' -> sb.append("\\f");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				case '<', '>', '&', 0x2028, 0x2029 -> sb.append(String.format("\\u%04x", c));
				default -> {
					if (c < 0x20) {
						sb.append(String.format("\\u%04x", c));
					}
					else {
						sb.appendCodePoint(c);
					}
				}
			}
		});
		return sb.append('"').toString();
	}

}
