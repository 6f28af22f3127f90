package dev.bindings.grpc;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import dev.bindings.grpc.proto.health.HealthCheckRequest;
import dev.bindings.grpc.proto.health.HealthCheckResponse;
import dev.bindings.grpc.proto.health.HealthCheckResponse.ServingStatus;
import dev.bindings.grpc.proto.health.HealthGrpc;
import dev.bindings.grpc.proto.health.HealthGrpc.HealthBlockingStub;
import dev.bindings.grpc.proto.health.HealthListRequest;
import dev.bindings.registry.EchoBindingFactory;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * gRPC's standard health service on the listener of Dapr's gRPC API, through a real port,
 * with a plain grpc-java client: its status follows the application's readiness state.
 */
@SpringBootTest(classes = DaprGrpcHealthTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "bindings.components-path=", "bindings.components.echo.type=bindings.test.echo" })
class DaprGrpcHealthTests {

	private static final String DAPR = "dapr.proto.runtime.v1.Dapr";

	@Autowired
	DaprGrpcServer server;

	@Autowired
	ApplicationContext context;

	private ManagedChannel channel;

	@BeforeEach
	void openChannel() {
		this.channel = Grpc
			.newChannelBuilderForAddress("127.0.0.1", this.server.getPort(), InsecureChannelCredentials.create())
			.build();
	}

	@AfterEach
	void closeChannelAndBeReadyAgain() throws InterruptedException {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void serverAndDaprServiceAreServingWhenTheApplicationIsReady() {
		assertThat(check("")).isEqualTo(ServingStatus.SERVING);
		assertThat(check(DAPR)).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void serverAndDaprServiceAreNotServingWhileTheApplicationRefusesTraffic() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
		assertThat(check(DAPR)).isEqualTo(ServingStatus.NOT_SERVING);
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(check("")).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void checkOfAnUnknownServiceFailsNotFound() {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check("some.other.Service"))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void listAnswersTheServerAndTheDaprService() {
		assertThat(stub().list(HealthListRequest.getDefaultInstance()).getStatusesMap()).containsOnlyKeys("", DAPR)
			.allSatisfy((name, status) -> assertThat(status.getStatus()).isEqualTo(ServingStatus.SERVING));
	}

	@Test
	void watchSendsTheStatusThenEachChange() {
		Context.CancellableContext watching = Context.current().withCancellation();
		try {
			Iterator<HealthCheckResponse> watch = watching
				.call(() -> stub().watch(HealthCheckRequest.newBuilder().setService(DAPR).build()));
			assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.SERVING);
			AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
			assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.SERVING);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			watching.cancel(null);
		}
	}

	@Test
	void watchOfAnUnknownServiceAnswersServiceUnknown() {
		Context.CancellableContext watching = Context.current().withCancellation();
		try {
			Iterator<HealthCheckResponse> watch = watching
				.call(() -> stub().watch(HealthCheckRequest.newBuilder().setService("some.other.Service").build()));
			assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.SERVICE_UNKNOWN);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			watching.cancel(null);
		}
	}

	private ServingStatus check(String service) {
		return stub().check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
	}

	private HealthBlockingStub stub() {
		return HealthGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		EchoBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

	}

}
