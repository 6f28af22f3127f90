package dev.bindings.autoconfigure;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.bindings.BindingClient;
import dev.bindings.registry.RuntimeMetadata;
import dev.bindings.web.DaprHttpApiServlet;
import dev.bindings.web.DaprHttpServer;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Auto-configuration of Dapr's HTTP API in a servlet web application: bindings, metadata
 * and health, behind the API's access rules. The API gets a listener of its own
 * ({@code bindings.http.port}, default {@code DAPR_HTTP_PORT} or 3500, on loopback), as
 * daprd and Actuator's management port have; when {@code bindings.http.port} is the
 * application's own port, the API is served on the application's listener instead, under
 * {@code /v1.0/*}. The listener of its own is started only in an application that runs an
 * embedded web server (not in a mock web environment).
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpServletRequest.class, CorsConfiguration.class })
@ConditionalOnBean(BindingClient.class)
@ConditionalOnBooleanProperty(name = "bindings.http.enabled", matchIfMissing = true)
public final class BindingsWebAutoConfiguration {

	/** Dapr's default HTTP port. */
	static final int DEFAULT_PORT = 3500;

	/** The property that publishes the port of the API's own listener. */
	public static final String LOCAL_PORT_PROPERTY = "local.bindings.http.port";

	@Bean
	@ConditionalOnMissingBean
	DaprHttpApiServlet daprHttpApiServlet(BindingClient client, RuntimeMetadata metadata, BindingsProperties properties,
			Environment environment, ObjectProvider<ApplicationAvailability> availability, BeanFactory beanFactory) {
		Listener listener = Listener.of(properties, environment);
		DaprApiAccess access = DaprApiAccess.of(properties, environment);
		access.checkListener("Dapr HTTP API", listener.addressProperty(), listener.addresses(), listener.port());
		BindingsProperties.Http http = properties.getHttp();
		DaprHttpApiServlet.Settings settings = new DaprHttpApiServlet.Settings(access.token(), http.getAllowedOrigins(),
				http.getAllowedHosts(), listener.loopback(), http.getMaxBodySize().toBytes(), http.getRequestTimeout(),
				DaprApiAccess.policy(properties, beanFactory));
		return new DaprHttpApiServlet(client, metadata, DaprApiAccess.readiness(availability), settings);
	}

	/**
	 * Where the API listens: its port, its addresses (none for every interface), the
	 * property that sets them, and whether it is the application's own listener.
	 */
	record Listener(int port, List<InetAddress> addresses, String addressProperty, boolean shared) {

		static Listener of(BindingsProperties properties, Environment environment) {
			int port = port(properties, environment);
			if (port != 0 && port == environment.getProperty("server.port", Integer.class, 8080)) {
				InetAddress address = Binder.get(environment).bind("server.address", InetAddress.class).orElse(null);
				return new Listener(port, (address != null) ? DaprApiAccess.addresses(address) : List.of(),
						"server.address", true);
			}
			return new Listener(port, DaprApiAccess.addresses(properties.getHttp().getAddress()),
					"bindings.http.address", false);
		}

		/**
		 * The port: {@code bindings.http.port}, else {@code DAPR_HTTP_PORT}, else 3500.
		 */
		static int port(BindingsProperties properties, Environment environment) {
			Integer port = properties.getHttp().getPort();
			if (port == null) {
				port = environment.getProperty("DAPR_HTTP_PORT", Integer.class);
			}
			return (port != null) ? port : DEFAULT_PORT;
		}

		boolean loopback() {
			return !this.addresses.isEmpty() && this.addresses.stream().allMatch(InetAddress::isLoopbackAddress);
		}

	}

	/**
	 * The API on the application's own listener, under {@code /v1.0/*}, when
	 * {@code bindings.http.port} is the application's port.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnSharedListenerCondition.class)
	static class SharedListenerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "daprHttpApiRegistration")
		ServletRegistrationBean<DaprHttpApiServlet> daprHttpApiRegistration(DaprHttpApiServlet servlet) {
			ServletRegistrationBean<DaprHttpApiServlet> registration = new ServletRegistrationBean<>(servlet, "/v1.0",
					"/v1.0/*");
			registration.setName("daprHttpApi");
			registration.setAsyncSupported(true);
			registration.setLoadOnStartup(1);
			return registration;
		}

		/**
		 * Spring's form content filter, except for Dapr's API: daprd reads the body of a
		 * {@code PUT} sent as form content (as {@code curl -X PUT -d} does) as the JSON
		 * envelope, and Spring's filter would consume that body first.
		 */
		@Bean
		@ConditionalOnClass(OrderedFormContentFilter.class)
		@ConditionalOnBooleanProperty(name = "spring.mvc.formcontent.filter.enabled", matchIfMissing = true)
		@ConditionalOnMissingBean(FormContentFilter.class)
		OrderedFormContentFilter formContentFilter() {
			return new OrderedFormContentFilter() {

				@Override
				protected boolean shouldNotFilter(HttpServletRequest request) {
					return "/v1.0".equals(request.getServletPath());
				}

			};
		}

	}

	/**
	 * The API's listener of its own, on an embedded Tomcat.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TomcatServletWebServerFactory.class)
	@Conditional(OnOwnListenerCondition.class)
	static class OwnListenerConfiguration {

		static final String OBSERVATION_FILTER = "org.springframework.web.filter.ServerHttpObservationFilter";

		@Bean
		@ConditionalOnMissingBean
		DaprHttpServer daprHttpServer(DaprHttpApiServlet servlet, BindingsProperties properties,
				ConfigurableEnvironment environment, ObjectProvider<ObservationRegistry> observationRegistry) {
			Listener listener = Listener.of(properties, environment);
			BindingsProperties.Http http = properties.getHttp();
			DaprHttpServer.Limits limits = DaprHttpServer.Limits.DEFAULTS.withMaxThreads(http.getMaxThreads())
				.withMaxConnections(http.getMaxConnections());
			return new DaprHttpServer(servlet, listener.addresses(), listener.port(),
					observationFilter(observationRegistry.getIfAvailable()), (port) -> publishPort(environment, port),
					limits);
		}

		/**
		 * Spring's server observation for the API's requests, as the application's
		 * listener has it: it continues the caller's trace ({@code traceparent}) into the
		 * bindings.
		 */
		private static @Nullable Filter observationFilter(@Nullable ObservationRegistry registry) {
			if (registry == null || registry.isNoop() || !ClassUtils.isPresent(OBSERVATION_FILTER, null)) {
				return null;
			}
			return new ServerHttpObservationFilter(registry);
		}

		private static void publishPort(ConfigurableEnvironment environment, int port) {
			MutablePropertySources sources = environment.getPropertySources();
			PropertySource<?> source = sources.get("server.ports");
			if (source instanceof MapPropertySource ports) {
				ports.getSource().put(LOCAL_PORT_PROPERTY, port);
			}
			else {
				sources
					.addFirst(new MapPropertySource("server.ports", new HashMap<>(Map.of(LOCAL_PORT_PROPERTY, port))));
			}
		}

	}

	/**
	 * A listener of its own is asked for and cannot be had: the application's server is
	 * not Tomcat (Jetty, for example). Startup stops rather than leave the API silently
	 * absent.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
	@Conditional(OnOwnPortCondition.class)
	static class NoTomcatConfiguration {

		@Bean
		Object daprHttpListenerUnavailable(BindingsProperties properties, Environment environment) {
			int port = Listener.of(properties, environment).port();
			throw new InvalidConfigurationPropertyValueException("bindings.http.port", port,
					"Dapr's HTTP API listens on a port of its own on an embedded Tomcat, and Tomcat "
							+ "(spring-boot-tomcat) is not on the class path. Set 'bindings.http.port' to the "
							+ "application's port ('server.port') to serve the API on the application's listener, "
							+ "or 'bindings.http.enabled=false' to do without it.");
		}

	}

	/**
	 * {@code bindings.http.port} is the application's own port.
	 */
	static final class OnSharedListenerCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return listenerOutcome(context, true);
		}

	}

	/**
	 * {@code bindings.http.port} is not the application's port.
	 */
	static final class OnOwnPortCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return listenerOutcome(context, false);
		}

	}

	/**
	 * {@code bindings.http.port} is not the application's port, and the application runs
	 * an embedded web server.
	 */
	static final class OnOwnListenerCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (!(context.getResourceLoader() instanceof WebServerApplicationContext)) {
				return ConditionOutcome.noMatch("no embedded web server (a mock web environment)");
			}
			return listenerOutcome(context, false);
		}

	}

	/**
	 * Whether the API's listener is the application's (when {@code shared}) or one of its
	 * own (when not) matches the configuration.
	 */
	private static ConditionOutcome listenerOutcome(ConditionContext context, boolean shared) {
		BindingsProperties properties = Binder.get(context.getEnvironment())
			.bind("bindings", BindingsProperties.class)
			.orElseGet(BindingsProperties::new);
		boolean isShared = Listener.of(properties, context.getEnvironment()).shared();
		String message = isShared ? "Dapr's HTTP API is on the application's port"
				: "Dapr's HTTP API has a port of its own";
		return (isShared == shared) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

}
