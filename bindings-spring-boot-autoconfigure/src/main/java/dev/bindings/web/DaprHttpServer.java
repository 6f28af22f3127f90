package dev.bindings.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
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
import org.apache.coyote.http11.AbstractHttp11Protocol;
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
 * <p>
 * Its Tomcat is bounded by {@link Limits}, set here rather than left to
 * {@code server.tomcat.*} (which configures the application's own server only).
 */
public final class DaprHttpServer implements SmartLifecycle, DisposableBean {

	/** The phase of the server: the phase of the web server's graceful shutdown. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Log logger = LogFactory.getLog(DaprHttpServer.class);

	private final DaprHttpApiServlet servlet;

	private final List<InetAddress> addresses;

	private final int port;

	private final @Nullable Filter observationFilter;

	private final IntConsumer portListener;

	private final Limits limits;

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
		this(servlet, addresses, port, observationFilter, portListener, Limits.DEFAULTS);
	}

	/**
	 * Create a server.
	 * @param servlet the API
	 * @param addresses the addresses to listen on, none for every interface
	 * @param port the port, {@code 0} for a free one
	 * @param observationFilter a filter that observes each request, or {@code null}
	 * @param portListener told the port once the server listens
	 * @param limits the bounds of its Tomcat
	 */
	public DaprHttpServer(DaprHttpApiServlet servlet, List<InetAddress> addresses, int port,
			@Nullable Filter observationFilter, IntConsumer portListener, Limits limits) {
		this.servlet = servlet;
		this.addresses = List.copyOf(addresses);
		this.port = port;
		this.observationFilter = observationFilter;
		this.portListener = portListener;
		this.limits = limits;
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
			factory.addConnectorCustomizers(this.limits::applyTo);
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
		this.limits.applyTo(connector);
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

	/**
	 * The connectors of the running server, one per address.
	 * @return the connectors, none while the server does not run
	 */
	List<Connector> connectors() {
		TomcatWebServer server = this.webServer;
		return (server != null) ? List.of(server.getTomcat().getService().findConnectors()) : List.of();
	}

	/**
	 * The bounds of the API's Tomcat. Request threads read a request and write its
	 * answer; they are not held while a binding works (the answer is written when the
	 * binding completes), so few are busy at a time.
	 *
	 * @param maxThreads the most request threads, shared by the listener's addresses
	 * ({@code bindings.http.max-threads}, Tomcat's default 200)
	 * @param minSpareThreads the request threads kept when idle (Tomcat's default 10)
	 * @param maxConnections the most connections open at once per address; more wait in
	 * the backlog ({@code bindings.http.max-connections}, Tomcat's default 8192)
	 * @param acceptCount the backlog of connections waiting to be accepted (Tomcat's
	 * default 100)
	 * @param connectionTimeout how long a new connection may take to send its request
	 * line, and each part of a request may take to arrive (20 s, Tomcat's shipped
	 * configuration, instead of its built-in 60 s)
	 * @param keepAliveTimeout how long an idle kept-alive connection stays open (60 s,
	 * longer than the idle timeouts of the usual clients' connection pools, so that a
	 * client never reuses a connection the server is closing)
	 * @param maxKeepAliveRequests the requests one connection may send before it is
	 * closed (Tomcat's default 100)
	 */
	public record Limits(int maxThreads, int minSpareThreads, int maxConnections, int acceptCount,
			Duration connectionTimeout, Duration keepAliveTimeout, int maxKeepAliveRequests) {

		/** The defaults. */
		public static final Limits DEFAULTS = new Limits(200, 10, 8192, 100, Duration.ofSeconds(20),
				Duration.ofSeconds(60), 100);

		/**
		 * These limits with another number of request threads.
		 * @param maxThreads the most request threads
		 * @return the limits
		 */
		public Limits withMaxThreads(int maxThreads) {
			return new Limits(maxThreads, Math.min(this.minSpareThreads, maxThreads), this.maxConnections,
					this.acceptCount, this.connectionTimeout, this.keepAliveTimeout, this.maxKeepAliveRequests);
		}

		/**
		 * These limits with another number of connections.
		 * @param maxConnections the most connections per address
		 * @return the limits
		 */
		public Limits withMaxConnections(int maxConnections) {
			return new Limits(this.maxThreads, this.minSpareThreads, maxConnections, this.acceptCount,
					this.connectionTimeout, this.keepAliveTimeout, this.maxKeepAliveRequests);
		}

		void applyTo(Connector connector) {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				protocol.setMaxThreads(this.maxThreads);
				protocol.setMinSpareThreads(this.minSpareThreads);
				protocol.setMaxConnections(this.maxConnections);
				protocol.setAcceptCount(this.acceptCount);
				protocol.setConnectionTimeout((int) this.connectionTimeout.toMillis());
				protocol.setKeepAliveTimeout((int) this.keepAliveTimeout.toMillis());
			}
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
				http.setMaxKeepAliveRequests(this.maxKeepAliveRequests);
			}
		}

	}

}
