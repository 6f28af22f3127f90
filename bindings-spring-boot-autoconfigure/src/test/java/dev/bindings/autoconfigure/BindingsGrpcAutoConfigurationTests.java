package dev.bindings.autoconfigure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.bindings.grpc.DaprBindingsGrpcService;
import dev.bindings.grpc.DaprGrpcHealthService;
import dev.bindings.grpc.DaprGrpcServer;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.grpc.proto.DaprGrpc;
import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.registry.OutputBindingFactory;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BindingsGrpcAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BindingsGrpcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, BindingsGrpcAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class)
		.withPropertyValues("bindings.components-path=", "bindings.components.echo.type=bindings.test.echo",
				"bindings.grpc.port=0");

	@Test
	void grpcApiIsServedWhenGrpcJavaIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DaprBindingsGrpcService.class).hasSingleBean(DaprGrpcServer.class);
			DaprGrpcServer server = context.getBean(DaprGrpcServer.class);
			assertThat(server.isRunning()).isTrue();
			assertThat(server.getPort()).isPositive();
		});
	}

	@Test
	void serverBoundsDefaultToTheServersDocumentedDefaults() {
		assertThat(BindingsGrpcAutoConfiguration.limits(new BindingsProperties()))
			.isEqualTo(DaprGrpcServer.Limits.DEFAULTS);
	}

	@Test
	void serverBoundsComeFromTheProperties() {
		this.contextRunner
			.withPropertyValues("bindings.grpc.threads=3", "bindings.grpc.max-concurrent-calls=30",
					"bindings.grpc.max-concurrent-calls-per-connection=7", "bindings.grpc.max-connection-idle=10s",
					"bindings.grpc.max-connection-age=0", "bindings.grpc.max-connection-age-grace=2s",
					"bindings.grpc.permit-keep-alive-time=1m", "bindings.grpc.permit-keep-alive-without-calls=false",
					"bindings.grpc.max-inbound-metadata-size=16KB")
			.run((context) -> assertThat(
					BindingsGrpcAutoConfiguration.limits(context.getBean(BindingsProperties.class)))
				.isEqualTo(new DaprGrpcServer.Limits(3, 30, 7, Duration.ofSeconds(10), Duration.ZERO,
						Duration.ofSeconds(2), Duration.ofMinutes(1), false, 16384)));
	}

	@Test
	void allowedOperationsNamingNoBindingStopStartup() {
		this.contextRunner.withPropertyValues("bindings.http.enabled=false", "bindings.api.allowed-operations.ecko=get")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("bindings.api.allowed-operations[ecko]");
			});
	}

	@Test
	void healthServiceIsServedBesideTheDaprService() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DaprGrpcHealthService.class));
	}

	@Test
	void apiListensOnLoopbackOnlyByDefault() {
		this.contextRunner.run((context) -> {
			DaprGrpcServer server = context.getBean(DaprGrpcServer.class);
			assertThat(server.getAddresses()).isNotEmpty()
				.allMatch((address) -> address.getAddress().isLoopbackAddress())
				.anyMatch((address) -> address.getAddress().getHostAddress().equals("127.0.0.1"));
		});
	}

	@Test
	void everyInterfaceWithoutATokenFailsStartupNamingTheTokenAndTheOptOut() {
		this.contextRunner.withPropertyValues("bindings.grpc.address=0.0.0.0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("bindings.grpc.address")
				.hasMessageContaining("'bindings.api-token'")
				.hasMessageContaining("'bindings.api.allow-unauthenticated-network-access=true'");
		});
	}

	@Test
	void everyInterfaceWithATokenStarts() {
		this.contextRunner.withPropertyValues("bindings.grpc.address=0.0.0.0", "bindings.api-token=s3cret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DaprGrpcServer.class).getAddresses())
					.extracting(InetSocketAddress::getAddress)
					.singleElement()
					.satisfies((address) -> assertThat(address.isAnyLocalAddress()).isTrue());
			});
	}

	@Test
	void everyInterfaceWithoutATokenStartsWithTheOptOutAndWarns(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("bindings.grpc.address=0.0.0.0",
					"bindings.api.allow-unauthenticated-network-access=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DaprGrpcServer.class).isRunning()).isTrue();
				assertThat(output).containsOnlyOnce("Dapr gRPC API is open without an API token on every interface")
					.contains("WARN");
			});
	}

	@Test
	void blankApiTokenFailsStartup() {
		this.contextRunner.withPropertyValues("bindings.api-token=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("bindings.api-token");
		});
	}

	@Test
	void serverStopsWithTheContext() {
		this.contextRunner.run((context) -> {
			DaprGrpcServer server = context.getBean(DaprGrpcServer.class);
			context.close();
			assertThat(server.isRunning()).isFalse();
		});
	}

	@Test
	void grpcApiCanBeDisabled() {
		this.contextRunner.withPropertyValues("bindings.grpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DaprGrpcServer.class)
				.doesNotHaveBean(DaprBindingsGrpcService.class));
	}

	@Test
	void grpcApiIsNotConfiguredWithoutGrpcJava() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Server.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaprGrpcServer.class));
	}

	@Test
	void grpcApiIsNotConfiguredWithoutANettyTransport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.grpc.netty"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaprGrpcServer.class));
	}

	@Test
	void grpcApiIsNotConfiguredWhenBindingsAreDisabled() {
		this.contextRunner.withPropertyValues("bindings.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaprGrpcServer.class));
	}

	@Test
	void apiTokenDefaultsToTheDaprApiTokenEnvironmentVariable() {
		this.contextRunner.withPropertyValues("DAPR_API_TOKEN=from-env").run((context) -> {
			ManagedChannel channel = Grpc
				.newChannelBuilderForAddress("localhost", context.getBean(DaprGrpcServer.class).getPort(),
						InsecureChannelCredentials.create())
				.build();
			try {
				assertThatExceptionOfType(StatusRuntimeException.class)
					.isThrownBy(() -> DaprGrpc.newBlockingStub(channel)
						.withDeadlineAfter(30, TimeUnit.SECONDS)
						.invokeBinding(InvokeBindingRequest.newBuilder().setName("echo").setOperation("get").build()))
					.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
			}
			finally {
				channel.shutdownNow();
			}
		});
	}

	@Test
	void portDefaultsToDaprsDefaultGrpcPort() {
		assertThat(BindingsGrpcAutoConfiguration.port(new BindingsProperties(), new MockEnvironment()))
			.isEqualTo(50001);
	}

	@Test
	void portDefaultsToTheDaprGrpcPortEnvironmentVariable() {
		MockEnvironment environment = new MockEnvironment().withProperty("DAPR_GRPC_PORT", "50005");
		assertThat(BindingsGrpcAutoConfiguration.port(new BindingsProperties(), environment)).isEqualTo(50005);
	}

	@Test
	void daprGrpcPortSystemPropertyWinsOverTheEnvironmentVariableAsInTheJavaSdk() {
		MockEnvironment environment = new MockEnvironment().withProperty("DAPR_GRPC_PORT", "50005")
			.withProperty("dapr.grpc.port", "50006");
		assertThat(BindingsGrpcAutoConfiguration.port(new BindingsProperties(), environment)).isEqualTo(50006);
	}

	@Test
	void portPropertyWinsOverDaprsSettings() {
		BindingsProperties properties = new BindingsProperties();
		properties.getGrpc().setPort(0);
		MockEnvironment environment = new MockEnvironment().withProperty("DAPR_GRPC_PORT", "50005")
			.withProperty("dapr.grpc.port", "50006");
		assertThat(BindingsGrpcAutoConfiguration.port(properties, environment)).isZero();
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		OutputBindingFactory echoBindingFactory() {
			return new EchoBindingFactory();
		}

	}

}
