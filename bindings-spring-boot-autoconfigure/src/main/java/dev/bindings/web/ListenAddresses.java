package dev.bindings.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the Dapr API listeners name where they listen, in logs and errors:
 * {@code 127.0.0.1:3500}, {@code [::1]:3500}, {@code every interface, port 3500}.
 */
public final class ListenAddresses {

	private ListenAddresses() {
	}

	/**
	 * One listening address.
	 * @param address the address, {@code null} or a wildcard address for every interface
	 * @param port the port
	 * @return its description
	 */
	public static String describe(@Nullable InetAddress address, int port) {
		if (address == null || address.isAnyLocalAddress()) {
			return "every interface, port " + port;
		}
		if (address instanceof Inet6Address) {
			return "[" + (address.isLoopbackAddress() ? "::1" : address.getHostAddress()) + "]:" + port;
		}
		return address.getHostAddress() + ":" + port;
	}

	/**
	 * Several addresses on one port.
	 * @param addresses the addresses, none for every interface
	 * @param port the port
	 * @return their description, comma separated
	 */
	public static String describe(Collection<InetAddress> addresses, int port) {
		if (addresses.isEmpty()) {
			return describe((InetAddress) null, port);
		}
		List<String> names = new ArrayList<>();
		addresses.forEach((address) -> names.add(describe(address, port)));
		return String.join(", ", names);
	}

}
