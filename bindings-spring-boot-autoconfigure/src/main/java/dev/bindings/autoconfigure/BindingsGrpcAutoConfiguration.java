package dev.bindings.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import dev.bindings.BindingClient;
import dev.bindings.grpc.DaprBindingsGrpcService;
import dev.bindings.grpc.DaprGrpcApiTokenInterceptor;
import dev.bindings.grpc.DaprGrpcServer;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.micrometer.observation.ObservationRegistry;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of Dapr's gRPC API for output bindings
 * ({@code dapr.proto.runtime.v1.Dapr/InvokeBinding}), so that Dapr SDK clients work without a
 * sidecar. It needs grpc-java ({@code grpc-stub}, {@code grpc-protobuf} and a Netty transport,
 * {@code grpc-netty-shaded} or {@code grpc-netty}); an application that uses the Dapr Java
 * SDK has them.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class)
@ConditionalOnClass({ Server.class, ServerCalls.class, StatusProto.class, Message.class, ErrorInfo.class })
@Conditional(BindingsGrpcAutoConfiguration.OnNettyTransportCondition.class)
@ConditionalOnBean(BindingClient.class)
@ConditionalOnBooleanProperty(name = "bindings.grpc.enabled", matchIfMissing = true)
public final class BindingsGrpcAutoConfiguration {

	private static final String OBSERVATION_INTERCEPTOR = "io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor";

	@Bean
	@ConditionalOnMissingBean
	DaprBindingsGrpcService daprBindingsGrpcService(BindingClient client) {
		return new DaprBindingsGrpcService(client);
	}

	@Bean
	@ConditionalOnMissingBean
	DaprGrpcServer daprGrpcServer(DaprBindingsGrpcService service, BindingsProperties properties,
			Environment environment, ObjectProvider<ObservationRegistry> observationRegistry) {
		String token = StringUtils.hasText(properties.getApiToken()) ? properties.getApiToken()
				: environment.getProperty("DAPR_API_TOKEN");
		List<ServerInterceptor> interceptors = new ArrayList<>();
		if (StringUtils.hasText(token)) {
			interceptors.add(new DaprGrpcApiTokenInterceptor(token));
		}
		ObservationRegistry registry = observationRegistry.getIfAvailable();
		if (registry != null && !registry.isNoop() && ClassUtils.isPresent(OBSERVATION_INTERCEPTOR, null)) {
			// a server observation per call continues the caller's trace (its traceparent header)
			interceptors.add(new io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor(registry));
		}
		return new DaprGrpcServer(port(properties, environment), List.of(service), interceptors);
	}

	/**
	 * The port of the gRPC API: {@code bindings.grpc.port}, else where the Dapr Java SDK looks
	 * for it ({@code dapr.grpc.port}, {@code DAPR_GRPC_PORT}), else Dapr's default.
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
