package dev.bindings.grpc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import dev.bindings.grpc.proto.DaprBindingsProtos.GetMetadataRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.GetMetadataResponse;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingResponse;
import dev.bindings.grpc.proto.DaprBindingsProtos.RegisteredComponents;
import dev.bindings.grpc.proto.DaprGrpc;
import dev.bindings.grpc.proto.DaprGrpc.DaprBlockingStub;
import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.registry.RuntimeMetadata;
import dev.bindings.test.TestBindingFactory;
import io.dapr.v1.DaprProtos;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Dapr's gRPC contract for {@code InvokeBinding} and {@code GetMetadata}, case by case,
 * through a real port, with a plain grpc-java client: {@code bindings.test.echo} answers
 * {@code get} with what it received, {@code bindings.test.recording} keeps the request as
 * the binding got it.
 */
@SpringBootTest(classes = DaprGrpcApiTests.TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "bindings.app-id=orders", "bindings.components-path=",
				"bindings.components.echo.type=bindings.test.echo",
				"bindings.components.recorder.type=bindings.test.recording" })
class DaprGrpcApiTests {

	@Autowired
	DaprGrpcServer server;

	@Autowired
	TestBindingFactory recording;

	@Autowired
	RuntimeMetadata runtimeMetadata;

	private ManagedChannel channel;

	@BeforeEach
	void openChannel() {
		this.recording.reset();
		this.channel = Grpc
			.newChannelBuilderForAddress("localhost", this.server.getPort(), InsecureChannelCredentials.create())
			.build();
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void dataPassesThroughAsRawBytes() {
		byte[] bytes = { 0, 1, (byte) 0xfe, (byte) 0xff, '"', '{' };
		InvokeBindingResponse response = stub()
			.invokeBinding(request("echo", "get").setData(ByteString.copyFrom(bytes)).build());
		assertThat(response.getData().toByteArray()).isEqualTo(bytes);
	}

	@Test
	void emptyDataIsNoData() throws InterruptedException {
		stub().invokeBinding(request("recorder", "create").build());
		assertThat(this.recording.nextRequest().data()).isNull();
	}

	@Test
	void bindingThatReturnsNothingGivesAnEmptyResponse() {
		InvokeBindingResponse response = stub().invokeBinding(request("recorder", "create").build());
		assertThat(response).isEqualTo(InvokeBindingResponse.getDefaultInstance());
	}

	@Test
	void responseMetadataIsInTheResponseAndInMetadataHeaders() {
		AtomicReference<Metadata> headers = new AtomicReference<>();
		AtomicReference<Metadata> trailers = new AtomicReference<>();
		InvokeBindingResponse response = stub()
			.withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
			.invokeBinding(request("echo", "get").setData(ByteString.copyFromUtf8("x"))
				.putMetadata("statusCode", "201")
				.putMetadata("rows-affected", "3")
				.build());
		assertThat(response.getData().toStringUtf8()).isEqualTo("x");
		assertThat(response.getMetadataMap()).containsEntry("statusCode", "201").containsEntry("rows-affected", "3");
		assertThat(headers.get().get(asciiKey("metadata.statuscode"))).isEqualTo("201");
		assertThat(headers.get().get(asciiKey("metadata.rows-affected"))).isEqualTo("3");
	}

	@Test
	void requestMetadataIsCopiedAndCallHeadersFillTheKeysItDoesNotHave() throws InterruptedException {
		Metadata headers = new Metadata();
		headers.put(asciiKey("x-tenant"), "from-header");
		headers.put(asciiKey("x-extra"), "extra");
		stub(headers).invokeBinding(request("recorder", "create").putMetadata("x-tenant", "from-request")
			.putMetadata("partitionKey", "k1")
			.build());
		Map<String, String> metadata = this.recording.nextRequest().metadata();
		assertThat(metadata).containsEntry("x-tenant", "from-request")
			.containsEntry("x-extra", "extra")
			.containsEntry("partitionKey", "k1");
	}

	@Test
	void traceContextOfTheCallerReachesTheBindingReplacingRequestMetadata() throws InterruptedException {
		String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		Metadata headers = new Metadata();
		headers.put(asciiKey("traceparent"), traceparent);
		stub(headers).invokeBinding(request("recorder", "create").putMetadata("traceparent", "old").build());
		// with tracing on (Brave is on the test class path), the binding sees the current
		// span,
		// a child in the caller's trace
		assertThat(this.recording.nextRequest().metadata().get("traceparent"))
			.startsWith("00-0af7651916cd43dd8448eb211c80319c-");
	}

	@Test
	void binaryHeadersTheApiTokenAndTheGrpcContentTypeAreLeftOut() throws InterruptedException {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("custom-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 1, 2 });
		headers.put(asciiKey("dapr-api-token"), "not-checked-here");
		stub(headers).invokeBinding(request("recorder", "create").build());
		Map<String, String> metadata = this.recording.nextRequest().metadata();
		assertThat(metadata).doesNotContainKeys("custom-bin", "dapr-api-token", "content-type");
		assertThat(metadata.keySet()).noneMatch((key) -> key.endsWith("-bin"));
	}

	@Test
	void callHeadersThatCarryCredentialsAreLeftOut() throws InterruptedException {
		Metadata headers = new Metadata();
		for (String name : List.of("authorization", "proxy-authorization", "cookie", "x-api-key",
				"x-forwarded-client-cert", "client-cert", "client-cert-chain", "x-client-cert", "ssl-client-cert",
				"x-ssl-client-cert", "x-arr-clientcert", "x-amzn-mtls-clientcert", "x-amzn-mtls-clientcert-leaf")) {
			headers.put(asciiKey(name), "secret");
		}
		headers.put(asciiKey("x-tenant"), "t1");
		stub(headers)
			.invokeBinding(request("recorder", "create").putMetadata("authorization", "set-on-purpose").build());
		Map<String, String> metadata = this.recording.nextRequest().metadata();
		assertThat(metadata).containsEntry("x-tenant", "t1")
			.containsEntry("authorization", "set-on-purpose")
			.doesNotContainValue("secret");
	}

	@Test
	void contentTypeOfTheRequestMetadataIsKept() throws InterruptedException {
		stub().invokeBinding(request("recorder", "create").putMetadata("content-type", "application/json").build());
		assertThat(this.recording.nextRequest().metadata()).containsEntry("content-type", "application/json");
	}

	@Test
	void reservedHeaderNamesAreRenamedTheDaprWay() throws InterruptedException {
		stub().invokeBinding(request("recorder", "create").build());
		Map<String, String> metadata = this.recording.nextRequest().metadata();
		assertThat(metadata).containsEntry("dapr-authority", "localhost:" + this.server.getPort())
			.containsEntry("dapr-grpc-accept-encoding", "gzip")
			.containsKey("user-agent");
		assertThat(metadata.keySet()).noneMatch((key) -> key.startsWith("grpc-") || key.startsWith(":"))
			.doesNotContain("te");
	}

	@Test
	void baggageHeadersAreJoinedIntoMetadata() throws InterruptedException {
		Metadata headers = new Metadata();
		headers.put(asciiKey("baggage"), "userId=alice");
		headers.put(asciiKey("baggage"), "isProduction=false");
		stub(headers).invokeBinding(request("recorder", "create").putMetadata("baggage", "old=1").build());
		assertThat(this.recording.nextRequest().metadata()).containsEntry("baggage", "userId=alice,isProduction=false");
	}

	@Test
	void invalidBaggageHeaderFailsUnknown() {
		Metadata headers = new Metadata();
		headers.put(asciiKey("baggage"), "no equals sign");
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> stub(headers).invokeBinding(request("recorder", "create").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
				assertThat(ex.getStatus().getDescription()).startsWith("invalid baggage list-member");
			});
	}

	@Test
	void unknownBindingFailsInternalWithDaprsMessageAndErrorInfo() {
		assertInvocationError(request("kafka-out", "create").build(),
				"error invoking output binding kafka-out: couldn't find output binding kafka-out");
	}

	@Test
	void missingOperationFailsInternal() {
		assertInvocationError(request("echo", "").build(),
				"error invoking output binding echo: operation field is missing from request");
	}

	@Test
	void unsupportedOperationFailsInternalListingTheSupportedOnes() {
		assertInvocationError(request("echo", "delete").build(), "error invoking output binding echo: "
				+ "binding echo does not support operation delete. supported operations:create get fail reject");
	}

	@Test
	void deliveryFailureFailsInternalWithTheReason() {
		assertInvocationError(request("echo", "fail").build(), "error invoking output binding echo: the echo failed");
	}

	@Test
	void otherMethodsOfTheDaprServiceAreUnimplementedWithAClearMessage() {
		io.dapr.v1.DaprGrpc.DaprBlockingStub dapr = io.dapr.v1.DaprGrpc.newBlockingStub(this.channel);
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(
					() -> dapr.getState(DaprProtos.GetStateRequest.newBuilder().setStoreName("s").setKey("k").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
				assertThat(ex.getStatus().getDescription())
					.isEqualTo("this application serves only Dapr output bindings "
							+ "(dapr.proto.runtime.v1.Dapr/InvokeBinding and GetMetadata), "
							+ "not dapr.proto.runtime.v1.Dapr/GetState");
			});
	}

	@Test
	void getMetadataAnswersTheAppIdRuntimeVersionAndComponents() {
		GetMetadataResponse response = stub().getMetadata(GetMetadataRequest.getDefaultInstance());
		String version = this.runtimeMetadata.runtimeVersion();
		assertThat(version).isNotEmpty();
		assertThat(response.getId()).isEqualTo("orders");
		assertThat(response.getRuntimeVersion()).isEqualTo(version);
		assertThat(response.getExtendedMetadataMap()).containsExactly(Map.entry("daprRuntimeVersion", version));
		assertThat(response.getRegisteredComponentsList()).containsExactly(component("echo", "bindings.test.echo"),
				component("recorder", "bindings.test.recording"));
	}

	@Test
	void getMetadataIsReadByDaprsOwnGeneratedStubWithDaprsFieldNumbers() {
		DaprProtos.GetMetadataResponse response = io.dapr.v1.DaprGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(30, TimeUnit.SECONDS)
			.getMetadata(DaprProtos.GetMetadataRequest.getDefaultInstance());
		assertThat(response.getId()).isEqualTo("orders");
		assertThat(response.getRuntimeVersion()).isEqualTo(this.runtimeMetadata.runtimeVersion());
		assertThat(response.getExtendedMetadataMap()).containsKey("daprRuntimeVersion");
		assertThat(response.getRegisteredComponentsList())
			.extracting(DaprProtos.RegisteredComponents::getName, DaprProtos.RegisteredComponents::getType,
					DaprProtos.RegisteredComponents::getVersion,
					(component) -> List.copyOf(component.getCapabilitiesList()))
			.containsExactly(tuple("echo", "bindings.test.echo", "v1", List.of("OUTPUT_BINDING")),
					tuple("recorder", "bindings.test.recording", "v1", List.of("OUTPUT_BINDING")));
		assertThat(response.getUnknownFields().asMap()).isEmpty();
	}

	private static RegisteredComponents component(String name, String type) {
		return RegisteredComponents.newBuilder()
			.setName(name)
			.setType(type)
			.setVersion("v1")
			.addCapabilities("OUTPUT_BINDING")
			.build();
	}

	private void assertInvocationError(InvokeBindingRequest request, String message) {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> stub().invokeBinding(request))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
				assertThat(ex.getStatus().getDescription()).isEqualTo(message);
				com.google.rpc.Status status = StatusProto.fromThrowable(ex);
				assertThat(status).isNotNull();
				assertThat(status.getDetailsList()).hasSize(1);
				ErrorInfo errorInfo = status.getDetails(0).unpack(ErrorInfo.class);
				assertThat(errorInfo.getReason()).isEqualTo("ERR_INVOKE_OUTPUT_BINDING");
				assertThat(errorInfo.getDomain()).isEqualTo("dapr.io");
			});
	}

	private DaprBlockingStub stub() {
		return DaprGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	private DaprBlockingStub stub(Metadata headers) {
		return stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
	}

	private static InvokeBindingRequest.Builder request(String name, String operation) {
		return InvokeBindingRequest.newBuilder().setName(name).setOperation(operation);
	}

	private static Metadata.Key<String> asciiKey(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		EchoBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

		@Bean
		TestBindingFactory recordingBindingFactory() {
			return TestBindingFactory.recording();
		}

	}

}
