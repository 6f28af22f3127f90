package dev.bindings.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dapr's HTTP contract for {@code /v1.0/bindings/{name}}, case by case, through a real
 * HTTP port, with a test binding type ({@code bindings.test.echo}) that answers
 * {@code get} with the data it received.
 */
@SpringBootTest(classes = DaprBindingsHttpApiTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components-path=", "bindings.components.echo.type=bindings.test.echo",
				"bindings.http.max-body-size=64KB", "bindings.http.request-timeout=3s" })
class DaprBindingsHttpApiTests {

	@LocalDaprHttpPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void postOfBindingThatReturnsNothingGives204WithNoBodyAndNoContentType() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo", "{\"operation\":\"create\",\"data\":1}");
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("Content-Type")).isEmpty();
	}

	@Test
	void putBehavesLikePost() throws Exception {
		HttpResponse<String> response = send("PUT", "/v1.0/bindings/echo", "{\"operation\":\"get\",\"data\":\"x\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("\"x\"");
	}

	@Test
	void bindingThatReturnsDataGives200JsonWithMetadataHeaders() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo",
				"{\"operation\":\"get\",\"data\":{\"a\":1},\"metadata\":{\"statusCode\":\"201\",\"rows-affected\":\"3\"}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"a\":1}");
		assertThat(response.headers().firstValue("Metadata.statuscode")).hasValue("201");
		assertThat(response.headers().firstValue("metadata.rows-affected")).hasValue("3");
	}

	@Test
	void emptyDataResponseStillGives200() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo", "{\"operation\":\"get\",\"data\":\"\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("\"\"");
	}

	@Test
	void emptyBodyGives400Eof() throws Exception {
		assertError(send("POST", "/v1.0/bindings/echo", ""), 400, "ERR_MALFORMED_REQUEST",
				"failed deserializing HTTP body: EOF");
	}

	@Test
	void nonJsonBodyGives400() throws Exception {
		assertError(send("POST", "/v1.0/bindings/echo", "not json"), 400, "ERR_MALFORMED_REQUEST",
				"failed deserializing HTTP body: invalid character 'o' in literal null (expecting 'u')");
	}

	@Test
	void wrongOperationTypeGives400() throws Exception {
		assertError(send("POST", "/v1.0/bindings/echo", "{\"operation\":1}"), 400, "ERR_MALFORMED_REQUEST",
				"failed deserializing HTTP body: json: cannot unmarshal number into Go struct field OutputBindingRequest.operation of type string");
	}

	@Test
	void wrongMetadataTypeGives400() throws Exception {
		assertError(send("POST", "/v1.0/bindings/echo", "{\"operation\":\"create\",\"metadata\":\"x\"}"), 400,
				"ERR_MALFORMED_REQUEST",
				"failed deserializing HTTP body: json: cannot unmarshal string into Go struct field OutputBindingRequest.metadata of type map[string]string");
	}

	@Test
	void bodyOverTheLimitGives400StreamTooLarge() throws Exception {
		String big = "{\"operation\":\"get\",\"data\":\"" + "x".repeat(70_000) + "\"}";
		assertError(send("POST", "/v1.0/bindings/echo", big), 400, "ERR_MALFORMED_REQUEST",
				"failed deserializing HTTP body: stream too large");
	}

	@Test
	void trailingGarbageAfterTheEnvelopeIsIgnored() throws Exception {
		assertThat(send("POST", "/v1.0/bindings/echo", "{\"operation\":\"create\"} trailing garbage").statusCode())
			.isEqualTo(204);
	}

	@Test
	void envelopeKeysMatchCaseInsensitively() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo",
				"{\"Operation\":\"get\",\"DATA\":\"x\",\"MetaData\":{\"k\":\"v\"}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("\"x\"");
		assertThat(response.headers().firstValue("metadata.k")).hasValue("v");
	}

	@Test
	void contentTypeOfTheRequestIsNotChecked() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/v1.0/bindings/echo"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"get\",\"data\":true}"))
			.build();
		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("true");
	}

	@Test
	void missingOperationGives500() throws Exception {
		assertError(send("POST", "/v1.0/bindings/echo", "{}"), 500, "ERR_INVOKE_OUTPUT_BINDING",
				"error invoking output binding echo: operation field is missing from request");
	}

	@Test
	void unknownBindingGives500() throws Exception {
		assertError(send("POST", "/v1.0/bindings/kafka-out", "{\"operation\":\"create\"}"), 500,
				"ERR_INVOKE_OUTPUT_BINDING",
				"error invoking output binding kafka-out: couldn't find output binding kafka-out");
	}

	@Test
	void bindingNamesAreCaseSensitive() throws Exception {
		assertThat(send("POST", "/v1.0/bindings/ECHO", "{\"operation\":\"create\"}").statusCode()).isEqualTo(500);
	}

	@Test
	void unsupportedOperationGives500ListingTheSupportedOnes() throws Exception {
		assertError(send("POST", "/v1.0/bindings/echo", "{\"operation\":\"delete\"}"), 500, "ERR_INVOKE_OUTPUT_BINDING",
				"error invoking output binding echo: binding echo does not support operation delete. supported operations:create get fail reject");
	}

	@Test
	void deliveryFailureGives500WithTheReason() throws Exception {
		assertError(send("POST", "/v1.0/bindings/echo", "{\"operation\":\"fail\"}"), 500, "ERR_INVOKE_OUTPUT_BINDING",
				"error invoking output binding echo: the echo failed");
	}

	@Test
	void bindingThatAnswersLaterFromAnotherThreadGivesTheSameAnswers() throws Exception {
		assertThat(send("POST", "/v1.0/bindings/echo",
				"{\"operation\":\"create\",\"metadata\":{\"echo.delayMs\":\"100\"}}")
			.statusCode()).isEqualTo(204);
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo",
				"{\"operation\":\"get\",\"data\":{\"b\":1,\"a\":2},\"metadata\":{\"echo.delayMs\":\"100\"}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"a\":2,\"b\":1}");
		assertThat(response.headers().firstValue("metadata.echo.delayMs")).hasValue("100");
		assertError(
				send("POST", "/v1.0/bindings/echo",
						"{\"operation\":\"reject\",\"metadata\":{\"echo.delayMs\":\"100\"}}"),
				500, "ERR_INVOKE_OUTPUT_BINDING", "error invoking output binding echo: received status code 404");
		assertError(
				send("POST", "/v1.0/bindings/echo", "{\"operation\":\"fail\",\"metadata\":{\"echo.delayMs\":\"100\"}}"),
				500, "ERR_INVOKE_OUTPUT_BINDING", "error invoking output binding echo: the echo failed");
	}

	@Test
	void largeAnswerOfABindingThatAnswersLaterArrivesWhole() throws Exception {
		// larger than the response buffer: written on a container thread
		String data = "\"" + "y".repeat(40_000) + "\"";
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo",
				"{\"operation\":\"get\",\"data\":" + data + ",\"metadata\":{\"echo.delayMs\":\"50\"}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(data);
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(data.length()));
	}

	@Test
	void bindingSlowerThanTheRequestTimeoutGives500DeadlineExceededInDaprShape() throws Exception {
		// without the 3 s timeout of this test the binding would answer 204 after a
		// minute
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo",
				"{\"operation\":\"create\",\"metadata\":{\"echo.delayMs\":\"60000\"}}");
		assertError(response, 500, "ERR_INVOKE_OUTPUT_BINDING",
				"error invoking output binding echo: context deadline exceeded");
	}

	@Test
	void failureWithAResponseKeepsItsMetadataHeaders() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo", "{\"operation\":\"reject\"}");
		assertError(response, 500, "ERR_INVOKE_OUTPUT_BINDING",
				"error invoking output binding echo: received status code 404");
		assertThat(response.headers().firstValue("Metadata.statuscode")).hasValue("404");
	}

	@Test
	void dataIsReencodedAsDaprDoesWithKeysSortedAndHtmlEscaped() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo",
				"{\"operation\":\"get\",\"data\":{ \"b\" : 1, \"a\" : \"<b>&</b>\" }}");
		assertThat(response.body()).isEqualTo("{\"a\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\",\"b\":1}");
	}

	@Test
	void largeNumbersKeepEveryDigit() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo",
				"{\"operation\":\"get\",\"data\":[12345678901234567890,1.50,0.1000000000000000055511151231257827]}");
		assertThat(response.body()).isEqualTo("[12345678901234567890,1.50,0.1000000000000000055511151231257827]");
	}

	@Test
	void absentDataIsTheJsonTextNull() throws Exception {
		assertThat(send("POST", "/v1.0/bindings/echo", "{\"operation\":\"get\"}").body()).isEqualTo("null");
	}

	@Test
	void errorBodyHasExactlyTheDaprShapeAndNoStackTrace() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo", "{\"operation\":\"fail\"}");
		assertThat(response.body()).startsWith("{\"errorCode\":\"ERR_INVOKE_OUTPUT_BINDING\",\"message\":\"")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

	@Test
	void putSentAsFormContentIsStillReadAsTheEnvelope() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/v1.0/bindings/echo"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"operation\":\"get\",\"data\":\"x\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("\"x\"");
	}

	@Test
	void otherMethodsGet404DirectInvokeError() throws Exception {
		for (String method : new String[] { "GET", "DELETE", "PATCH" }) {
			assertError(send(method, "/v1.0/bindings/echo", ""), 404, "ERR_DIRECT_INVOKE",
					"failed getting app id either from the URL path or the header dapr-app-id");
		}
	}

	@Test
	void trailingSlashAndDoubleSlashesAreAccepted() throws Exception {
		assertThat(send("POST", "/v1.0/bindings/echo/", "{\"operation\":\"create\"}").statusCode()).isEqualTo(204);
		assertThat(send("POST", "/v1.0/bindings//echo", "{\"operation\":\"create\"}").statusCode()).isEqualTo(204);
	}

	@Test
	void nameIsQueryUnescaped() throws Exception {
		assertThat(send("POST", "/v1.0/bindings/ec%68o", "{\"operation\":\"create\"}").statusCode()).isEqualTo(204);
		assertError(send("POST", "/v1.0/bindings/a+b", "{\"operation\":\"create\"}"), 500, "ERR_INVOKE_OUTPUT_BINDING",
				"error invoking output binding a b: couldn't find output binding a b");
	}

	@Test
	void queryParametersAreIgnoredForJsonRequests() throws Exception {
		HttpResponse<String> response = send("POST", "/v1.0/bindings/echo?metadata.k=v",
				"{\"operation\":\"get\",\"data\":1}");
		assertThat(response.body()).isEqualTo("1");
		assertThat(response.headers().firstValue("metadata.k")).isEmpty();
	}

	@Test
	void binaryRequestSendsBodyBytesUnchangedWithOperationAndMetadataFromQuery() throws Exception {
		byte[] bytes = { 0, 1, (byte) 0xfe, (byte) 0xff, '{' };
		HttpRequest request = HttpRequest
			.newBuilder(uri("/v1.0/bindings/echo?operation=get&metadata.fileName=a%20b.bin"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.build();
		HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(bytes);
		assertThat(response.headers().firstValue("metadata.fileName")).hasValue("a b.bin");
	}

	@Test
	void binaryRequestWithoutOperationGives500MissingOperation() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/v1.0/bindings/echo"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 }))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertError(response, 500, "ERR_INVOKE_OUTPUT_BINDING",
				"error invoking output binding echo: operation field is missing from request");
	}

	@Test
	void validBaggageHeaderBecomesMetadata() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/v1.0/bindings/echo"))
			.header("baggage", "userId=alice,isProduction=false;p=1")
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"get\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("metadata.baggage")).hasValue("userId=alice,isProduction=false;p=1");
	}

	@Test
	void invalidBaggageHeaderGives400() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/v1.0/bindings/echo"))
			.header("baggage", "no equals sign")
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"get\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.startsWith("{\"errorCode\":\"ERR_MALFORMED_REQUEST\",\"message\":\"invalid baggage header: ");
	}

	private void assertError(HttpResponse<String> response, int status, String errorCode, String message) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"errorCode\":\"" + errorCode + "\",\"message\":\""
				+ message.replace("\"", "\\\"").replace("'", "'") + "\"}");
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		OutputBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

	}

}
