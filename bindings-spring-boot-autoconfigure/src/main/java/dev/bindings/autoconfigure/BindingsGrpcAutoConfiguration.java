package dev.bindings.autoconfigure;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import dev.bindings.BindingClient;
import dev.bindings.grpc.DaprBindingsGrpcService;
import dev.bindings.grpc.DaprGrpcApiTokenInterceptor;
import dev.bindings.grpc.DaprGrpcHealthService;
import dev.bindings.grpc.DaprGrpcServer;
import dev.bindings.registry.RuntimeMetadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of Dapr's gRPC API for output bindings
 * ({@code dapr.proto.runtime.v1.Dapr/InvokeBinding} and {@code GetMetadata}, with gRPC's
 * health service beside them), so that Dapr SDK clients work without a sidecar. It needs
 * grpc-java ({@code grpc-stub}, {@code grpc-protobuf} and a Netty transport,
 * {@code grpc-netty-shaded} or {@code grpc-netty}); an application that uses the Dapr
 * Java SDK has them.
 * <p>
 * The API listens on loopback unless {@code bindings.grpc.address} says otherwise; beyond
 * loopback it needs an API token, or the deliberate
 * {@code bindings.api.allow-unauthenticated-network-access=true} (see
 * {@link DaprApiAccess}).
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class)
@ConditionalOnClass({ Server.class, ServerCalls.class, StatusProto.class, Message.class, ErrorInfo.class })
@Conditional(BindingsGrpcAutoConfiguration.OnNettyTransportCondition.class)
@ConditionalOnBean({ BindingClient.class, RuntimeMetadata.class })
@ConditionalOnBooleanProperty(name = "bindings.grpc.enabled", matchIfMissing = true)
public final class BindingsGrpcAutoConfiguration {

	static final String OBSERVATION_INTERCEPTOR = "io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor";

	@Bean
	@ConditionalOnMissingBean
	DaprBindingsGrpcService daprBindingsGrpcService(BindingClient client, RuntimeMetadata metadata,
			BindingsProperties properties, BeanFactory beanFactory) {
		return new DaprBindingsGrpcService(client, metadata, DaprApiAccess.policy(properties, beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	DaprGrpcHealthService daprGrpcHealthService(ObjectProvider<ApplicationAvailability> availability) {
		return new DaprGrpcHealthService(DaprApiAccess.readiness(availability));
	}

	@Bean
	ApplicationListener<AvailabilityChangeEvent<ReadinessState>> daprGrpcHealthReadinessListener(
			ObjectProvider<DaprGrpcHealthService> health) {
		return new ReadinessListener(health);
	}

	@Bean
	@ConditionalOnMissingBean
	DaprGrpcServer daprGrpcServer(DaprBindingsGrpcService service, DaprGrpcHealthService health,
			BindingsProperties properties, Environment environment,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		DaprApiAccess access = DaprApiAccess.of(properties, environment);
		List<InetAddress> addresses = DaprApiAccess.addresses(properties.getGrpc().getAddress());
		int port = port(properties, environment);
		access.checkListener("Dapr gRPC API", "bindings.grpc.address", addresses, port);
		List<ServerInterceptor> interceptors = new ArrayList<>();
		String token = access.token();
		if (token != null) {
			interceptors.add(new DaprGrpcApiTokenInterceptor(token));
		}
		ObservationRegistry registry = observationRegistry.getIfAvailable();
		if (registry != null && !registry.isNoop() && ClassUtils.isPresent(OBSERVATION_INTERCEPTOR, null)) {
			// a server observation per call continues the caller's trace (its traceparent
			// header)
			interceptors.add(new io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor(registry));
		}
		return new DaprGrpcServer(addresses, port, List.of(service, health), interceptors, limits(properties));
	}

	/**
	 * The bounds of the gRPC server, from {@code bindings.grpc.*}.
	 */
	static DaprGrpcServer.Limits limits(BindingsProperties properties) {
		BindingsProperties.Grpc grpc = properties.getGrpc();
		long metadataSize = grpc.getMaxInboundMetadataSize().toBytes();
		return new DaprGrpcServer.Limits(grpc.getThreads(), grpc.getMaxConcurrentCalls(),
				grpc.getMaxConcurrentCallsPerConnection(), grpc.getMaxConnectionIdle(), grpc.getMaxConnectionAge(),
				grpc.getMaxConnectionAgeGrace(), grpc.getPermitKeepAliveTime(), grpc.isPermitKeepAliveWithoutCalls(),
				(int) Math.min(metadataSize, Integer.MAX_VALUE));
	}

	/**
	 * The port of the gRPC API: {@code bindings.grpc.port}, else where the Dapr Java SDK
	 * looks for it ({@code dapr.grpc.port}, {@code DAPR_GRPC_PORT}), else Dapr's default.
	 */
	static int port(BindingsProperties properties, Environment environment) {
		Integer port = properties.getGrpc().getPort();
		if (port == null) {
			port = environment.getProperty("dapr.grpc.port", Integer.class);
		}
		if (port == null) {
			port = environment.getProperty("DAPR_GRPC_PORT", Integer.class);
		}
		return (port != null) ? port : DaprGrpcServer.DEFAULT_PORT;
	}

	/**
	 * Passes the application's readiness to the health service's watches; the new state
	 * comes from the event, not from {@link ApplicationAvailability}, which may not have
	 * seen the event yet.
	 */
	private static final class ReadinessListener
			implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

		private final ObjectProvider<DaprGrpcHealthService> health;

		ReadinessListener(ObjectProvider<DaprGrpcHealthService> health) {
			this.health = health;
		}

		@Override
		public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
			this.health.ifAvailable(
					(service) -> service.readinessChanged(event.getState() == ReadinessState.ACCEPTING_TRAFFIC));
		}

	}

	/**
	 * A Netty transport for the gRPC server is on the class path.
	 */
	static final class OnNettyTransportCondition extends AnyNestedCondition {

		OnNettyTransportCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnClass(name = "io.grpc.netty.shaded.io.grpc.netty.NettyServerProvider")
		static final class NettyShaded {

		}

		@ConditionalOnClass(name = "io.grpc.netty.NettyServerProvider")
		static final class Netty {

		}

	}

}
