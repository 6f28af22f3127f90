package dev.bindings.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletRegistration;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.AbstractProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.context.SmartLifecycle;

/**
 * The listener of Dapr's HTTP API, apart from the application's own: an embedded Tomcat
 * that serves only the {@link DaprHttpApiServlet} (and, when given, the observation
 * filter that continues the caller's trace), on loopback unless configured otherwise, as
 * daprd listens and as Actuator's management port does. Requests Tomcat itself rejects
 * are answered in Dapr's shape ({@link DaprErrorReportValve}).
 * <p>
 * Started with the application context after the application's own server; stopped
 * gracefully with it (requests in progress finish, within the lifecycle's shutdown
 * timeout), before the bindings are closed.
 */
public final class DaprHttpServer implements SmartLifecycle, DisposableBean {

	/** The phase of the server: the phase of the web server's graceful shutdown. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Log logger = LogFactory.getLog(DaprHttpServer.class);

	private final DaprHttpApiServlet servlet;

	private final List<InetAddress> addresses;

	private final int port;

	private final @Nullable Filter observationFilter;

	private final IntConsumer portListener;

	private final Object monitor = new Object();

	private volatile @Nullable TomcatWebServer webServer;

	/** A server shutting down gracefully, until it is destroyed. */
	private final AtomicReference<@Nullable TomcatWebServer> stopping = new AtomicReference<>();

	/**
	 * Create a server.
	 * @param servlet the API
	 * @param addresses the addresses to listen on, none for every interface
	 * @param port the port, {@code 0} for a free one
	 * @param observationFilter a filter that observes each request, or {@code null}
	 * @param portListener told the port once the server listens
	 */
	public DaprHttpServer(DaprHttpApiServlet servlet, List<InetAddress> addresses, int port,
			@Nullable Filter observationFilter, IntConsumer portListener) {
		this.servlet = servlet;
		this.addresses = List.copyOf(addresses);
		this.port = port;
		this.observationFilter = observationFilter;
		this.portListener = portListener;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.webServer != null) {
				return;
			}
			TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(this.port);
			if (!this.addresses.isEmpty()) {
				factory.setAddress(this.addresses.get(0));
			}
			factory.setShutdown(Shutdown.GRACEFUL);
			factory.setDisableMBeanRegistry(true);
			factory.getSettings().setRegisterDefaultServlet(false);
			factory.getSettings().setDisplayName("dapr-api");
			factory.addContextCustomizers((context) -> {
				// Dapr's error shape for what Tomcat rejects before the servlet sees it
				Host host = (Host) context.getParent();
				if (host instanceof StandardHost standardHost) {
					standardHost.setErrorReportValveClass(DaprErrorReportValve.class.getName());
				}
				host.getPipeline().addValve(new DaprErrorReportValve());
			});
			TomcatWebServer server = (TomcatWebServer) factory.getWebServer((servletContext) -> {
				if (this.observationFilter != null) {
					FilterRegistration.Dynamic filter = servletContext.addFilter("daprObservationFilter",
							this.observationFilter);
					filter.setAsyncSupported(true);
					filter.addMappingForUrlPatterns(null, false, "/*");
				}
				ServletRegistration.Dynamic api = servletContext.addServlet("daprApi", this.servlet);
				api.setAsyncSupported(true);
				api.setLoadOnStartup(1);
				api.addMapping("/");
			});
			try {
				server.start();
				List<String> listening = new ArrayList<>();
				listening.add(ListenAddresses.describe(this.addresses.isEmpty() ? null : this.addresses.get(0),
						server.getPort()));
				for (InetAddress address : this.addresses.subList(Math.min(1, this.addresses.size()),
						this.addresses.size())) {
					if (listen(server, address, server.getPort())) {
						listening.add(ListenAddresses.describe(address, server.getPort()));
					}
				}
				this.webServer = server;
				logger.info("Dapr HTTP API listening on " + String.join(", ", listening));
			}
			catch (PortInUseException ex) {
				server.destroy();
				throw portInUse("port " + ex.getPort(), ex.getPort());
			}
			catch (RuntimeException ex) {
				server.destroy();
				throw ex;
			}
			this.portListener.accept(server.getPort());
		}
	}

	/**
	 * Listen on a further address, on the port the first one got. With a port of
	 * {@code 0} (tests) an address where that port is taken is skipped with a warning;
	 * with a fixed port it stops startup, so that no other process answers this API's
	 * clients there.
	 */
	private boolean listen(TomcatWebServer server, InetAddress address, int port) {
		Connector connector = new Connector(TomcatWebServerFactory.DEFAULT_PROTOCOL);
		connector.setPort(port);
		connector.setProperty("address", address.getHostAddress());
		connector.setURIEncoding("UTF-8");
		connector.setThrowOnFailure(true);
		// one pool of request threads for the listener's addresses
		connector.getProtocolHandler()
			.setExecutor(server.getTomcat().getConnector().getProtocolHandler().getExecutor());
		try {
			server.getTomcat().getService().addConnector(connector);
			return true;
		}
		catch (RuntimeException ex) {
			server.getTomcat().getService().removeConnector(connector);
			if (this.port == 0) {
				logger.warn("Dapr HTTP API not listening on " + ListenAddresses.describe(address, port) + ": "
						+ ex.getMessage());
				return false;
			}
			throw portInUse(ListenAddresses.describe(address, port), port);
		}
	}

	private static InvalidConfigurationPropertyValueException portInUse(String where, int port) {
		return new InvalidConfigurationPropertyValueException("bindings.http.port", port,
				"Dapr's HTTP API cannot " + "listen on " + where
						+ ": it is already in use. Is a Dapr sidecar, or another instance of the "
						+ "application, still running? Stop it, or set 'bindings.http.port' (or the DAPR_HTTP_PORT "
						+ "environment variable) to another port; 0 picks a free one.");
	}

	@Override
	public void stop() {
		TomcatWebServer server = take();
		if (server != null) {
			end(server);
		}
	}

	@Override
	public void stop(Runnable callback) {
		TomcatWebServer server = take();
		if (server == null) {
			callback.run();
			return;
		}
		server.shutDownGracefully((result) -> {
			try {
				end(server);
			}
			finally {
				callback.run();
			}
		});
	}

	private @Nullable TomcatWebServer take() {
		synchronized (this.monitor) {
			TomcatWebServer server = this.webServer;
			this.webServer = null;
			this.stopping.set(server);
			return server;
		}
	}

	private void end(TomcatWebServer server) {
		if (this.stopping.compareAndSet(server, null)) {
			server.stop();
			server.destroy();
		}
	}

	@Override
	public void destroy() {
		// a graceful shutdown that outlived the lifecycle's timeout ends here
		TomcatWebServer server = this.stopping.get();
		if (server != null) {
			end(server);
		}
	}

	@Override
	public boolean isRunning() {
		return this.webServer != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * The addresses the server's connectors are bound to, a wildcard address for every
	 * interface; none while it does not run.
	 * @return the bound addresses
	 */
	public List<InetSocketAddress> getAddresses() {
		TomcatWebServer server = this.webServer;
		if (server == null) {
			return List.of();
		}
		List<InetSocketAddress> bound = new ArrayList<>();
		for (Connector connector : server.getTomcat().getService().findConnectors()) {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol
					&& connector.getLocalPort() > 0) {
				InetAddress address = protocol.getAddress();
				bound.add((address != null) ? new InetSocketAddress(address, connector.getLocalPort())
						: new InetSocketAddress(connector.getLocalPort()));
			}
		}
		return List.copyOf(bound);
	}

	/**
	 * The port the server listens on; while it does not run, the port it is configured
	 * with.
	 * @return the port
	 */
	public int getPort() {
		TomcatWebServer server = this.webServer;
		return (server != null) ? server.getPort() : this.port;
	}

}
