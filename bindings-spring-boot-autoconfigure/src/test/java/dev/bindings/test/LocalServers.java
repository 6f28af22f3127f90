package dev.bindings.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks that a real server a test needs (PostgreSQL, MariaDB, Redis, RabbitMQ,
 * Mosquitto) listens on its loopback port. When it does not, the test fails with a
 * message naming the server if the {@code CI} environment variable is {@code true}, and
 * is skipped with that message otherwise.
 */
public final class LocalServers {

	private LocalServers() {
	}

	/**
	 * Require a server.
	 * @param name the server's name, for the message
	 * @param host the host
	 * @param port the port
	 */
	public static void require(String name, String host, int port) {
		if (isListening(host, port)) {
			return;
		}
		String message = name + " is not running on " + host + ":" + port + "; this test needs a real " + name
				+ " server there";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail(message);
		}
		Assumptions.abort(message);
	}

	/**
	 * Whether something accepts connections on a host and port.
	 * @param host the host
	 * @param port the port
	 * @return whether a connection could be opened within a second
	 */
	public static boolean isListening(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
