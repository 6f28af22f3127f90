package dev.bindings.grpc;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What Dapr's gRPC API needs in a native image: protobuf reaches the accessors of
 * generated messages, their builders and enums by reflection (the field accessor table
 * behind {@code toString()}, {@code getAllFields()} and {@code Any}), so every message of
 * the API's protos is registered, with the standard messages of its error details; and
 * the Netty transport is chosen by the presence of its server builder's class.
 */
final class DaprGrpcRuntimeHints implements RuntimeHintsRegistrar {

	private static final String PROTO = "dev.bindings.grpc.proto.";

	/** The generated classes: outer classes, whose nested classes are the messages. */
	static final List<String> MESSAGES = List.of(PROTO + "DaprBindingsProtos", PROTO + "health.HealthCheckRequest",
			PROTO + "health.HealthCheckResponse", PROTO + "health.HealthListRequest",
			PROTO + "health.HealthListResponse", "com.google.rpc.ErrorInfo", "com.google.rpc.Status",
			"com.google.protobuf.Any");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent("io.grpc.Server", classLoader)
				|| !ClassUtils.isPresent("com.google.protobuf.Message", classLoader)) {
			return;
		}
		for (String name : MESSAGES) {
			if (ClassUtils.isPresent(name, classLoader)) {
				register(hints.reflection(), ClassUtils.resolveClassName(name, classLoader));
			}
		}
		hints.reflection()
			.registerTypeIfPresent(classLoader, ShadedNettyServerTransport.BUILDER)
			.registerTypeIfPresent(classLoader, NettyServerTransport.BUILDER);
	}

	private static void register(ReflectionHints hints, Class<?> type) {
		if (!type.isInterface()) {
			hints.registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		for (Class<?> nested : type.getDeclaredClasses()) {
			register(hints, nested);
		}
	}

}
