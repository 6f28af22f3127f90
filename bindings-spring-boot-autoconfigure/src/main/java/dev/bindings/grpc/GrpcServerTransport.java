package dev.bindings.grpc;

import java.net.InetSocketAddress;

import io.grpc.ServerBuilder;

import org.springframework.util.ClassUtils;

/**
 * The Netty transport that builds the server of one listen address:
 * {@code grpc-netty-shaded} when it is present (the Dapr Java SDK brings it), else
 * {@code grpc-netty}. Each is reached through a class of its own, loaded only when its
 * transport is on the class path, so that neither is needed at runtime.
 */
interface GrpcServerTransport {

	/**
	 * A server builder that listens on one address, without TLS.
	 * @param address the address and port, a wildcard address for every interface
	 * @param maxConcurrentCallsPerConnection the most calls a connection may have in
	 * progress (HTTP/2's {@code SETTINGS_MAX_CONCURRENT_STREAMS}: clients queue the
	 * others)
	 * @return the builder
	 */
	ServerBuilder<?> forAddress(InetSocketAddress address, int maxConcurrentCallsPerConnection);

	/**
	 * The Netty transport on the class path.
	 * @return the transport
	 * @throws IllegalStateException if neither Netty transport is present
	 */
	static GrpcServerTransport netty() {
		ClassLoader classLoader = GrpcServerTransport.class.getClassLoader();
		if (ClassUtils.isPresent(ShadedNettyServerTransport.BUILDER, classLoader)) {
			return new ShadedNettyServerTransport();
		}
		if (ClassUtils.isPresent(NettyServerTransport.BUILDER, classLoader)) {
			return new NettyServerTransport();
		}
		throw new IllegalStateException("Dapr's gRPC API needs a Netty transport for grpc-java on the class path: "
				+ "io.grpc:grpc-netty-shaded or io.grpc:grpc-netty");
	}

}
