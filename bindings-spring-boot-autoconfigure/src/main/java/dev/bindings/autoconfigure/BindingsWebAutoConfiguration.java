package dev.bindings.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.bindings.BindingClient;
import dev.bindings.autoconfigure.BindingsAutoConfiguration.ComponentDefinitions;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingRegistry;
import dev.bindings.web.DaprApiTokenFilter;
import dev.bindings.web.DaprBindingsController;
import dev.bindings.web.DaprRuntimeController;
import dev.bindings.web.DaprRuntimeController.ComponentSummary;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of Dapr's HTTP API in a servlet web application: the bindings endpoint,
 * the metadata and health endpoints, and the API token check.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(BindingClient.class)
@ConditionalOnBooleanProperty(name = "bindings.http.enabled", matchIfMissing = true)
public final class BindingsWebAutoConfiguration {

	private static final String OUTPUT_BINDING = "OUTPUT_BINDING";

	@Bean
	@ConditionalOnMissingBean
	DaprBindingsController daprBindingsController(BindingClient client, BindingsProperties properties) {
		return new DaprBindingsController(client, properties.getHttp().getMaxBodySize().toBytes(),
				properties.getHttp().getRequestTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	DaprRuntimeController daprRuntimeController(BindingsProperties properties, Environment environment,
			ComponentDefinitions definitions, OutputBindingRegistry registry,
			ObjectProvider<ApplicationAvailability> availability) {
		String appId = StringUtils.hasText(properties.getAppId()) ? properties.getAppId()
				: environment.getProperty("spring.application.name", "");
		String version = starterVersion();
		List<ComponentSummary> summaries = new ArrayList<>();
		for (ComponentDefinition definition : definitions.definitions()) {
			if (registry.find(definition.name()) != null) {
				summaries.add(new ComponentSummary(definition.name(), definition.type(), definition.version(),
						List.of(OUTPUT_BINDING)));
			}
			else if (definition.normalizedType().startsWith("secretstores.")) {
				summaries.add(new ComponentSummary(definition.name(), definition.type(), definition.version(),
						List.of()));
			}
		}
		List<ComponentSummary> components = List.copyOf(summaries);
		return new DaprRuntimeController(appId, version, () -> components, () -> {
			ApplicationAvailability state = availability.getIfAvailable();
			return state == null || state.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		});
	}

	private static String starterVersion() {
		try (InputStream in = BindingsWebAutoConfiguration.class.getResourceAsStream("/META-INF/dev-bindings.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	@Bean
	@ConditionalOnMissingBean(name = "daprApiTokenFilter")
	FilterRegistrationBean<DaprApiTokenFilter> daprApiTokenFilter(BindingsProperties properties,
			Environment environment) {
		String token = StringUtils.hasText(properties.getApiToken()) ? properties.getApiToken()
				: environment.getProperty("DAPR_API_TOKEN");
		FilterRegistrationBean<DaprApiTokenFilter> registration = new FilterRegistrationBean<>(
				new DaprApiTokenFilter(StringUtils.hasText(token) ? token : ""));
		registration.setEnabled(StringUtils.hasText(token));
		registration.addUrlPatterns("/v1.0/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * Spring's form content filter, except for Dapr's API: daprd reads the body of a
	 * {@code PUT} sent as form content (as {@code curl -X PUT -d} does) as the JSON envelope,
	 * and Spring's filter would consume that body first.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OrderedFormContentFilter.class)
	@ConditionalOnBooleanProperty(name = "spring.mvc.formcontent.filter.enabled", matchIfMissing = true)
	static class FormContentFilterConfiguration {

		@Bean
		@ConditionalOnMissingBean(FormContentFilter.class)
		OrderedFormContentFilter formContentFilter() {
			return new OrderedFormContentFilter() {

				@Override
				protected boolean shouldNotFilter(HttpServletRequest request) {
					return request.getRequestURI().startsWith(request.getContextPath() + "/v1.0/");
				}

			};
		}

	}

}
