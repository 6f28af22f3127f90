package dev.bindings.grpc;

import java.net.InetSocketAddress;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

/**
 * The server transport of {@code io.grpc:grpc-netty-shaded}.
 */
final class ShadedNettyServerTransport implements GrpcServerTransport {

	static final String BUILDER = "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder";

	@Override
	public ServerBuilder<?> forAddress(InetSocketAddress address, int maxConcurrentCallsPerConnection) {
		return NettyServerBuilder.forAddress(address, InsecureServerCredentials.create())
			.maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection);
	}

}
