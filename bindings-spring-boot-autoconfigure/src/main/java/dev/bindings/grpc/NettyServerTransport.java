package dev.bindings.grpc;

import java.net.InetSocketAddress;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;

/**
 * The server transport of {@code io.grpc:grpc-netty}, on the application's own Netty.
 */
final class NettyServerTransport implements GrpcServerTransport {

	static final String BUILDER = "io.grpc.netty.NettyServerBuilder";

	@Override
	public ServerBuilder<?> forAddress(InetSocketAddress address, int maxConcurrentCallsPerConnection) {
		return NettyServerBuilder.forAddress(address, InsecureServerCredentials.create())
			.maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection);
	}

}
