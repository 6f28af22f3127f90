package dev.bindings.autoconfigure;

import dev.bindings.BindingListener;
import dev.bindings.autoconfigure.BindingsAutoConfiguration.ComponentDefinitions;
import dev.bindings.input.AppServerListener;
import dev.bindings.input.BindingListenerMethodProcessor;
import dev.bindings.input.DefaultInputBindingRegistry;
import dev.bindings.input.DeliveryPolicyFactory;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.input.UnprocessedEventRecorder;
import dev.bindings.observation.InputBindingObservationConvention;
import dev.bindings.registry.InputBindingFactory;
import dev.bindings.registry.UnavailableBindingType;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration for Dapr input bindings: one {@link DefaultInputBindingRegistry}
 * creates every input binding from the loaded components (no bean per component), the
 * {@link BindingListenerMethodProcessor} finds {@link BindingListener} methods, and the
 * registry follows the application's readiness. Each delivery runs under the binding's
 * {@link DeliveryPolicyFactory delivery policy} when there is one (Dapr's inbound
 * resiliency policies). Routes are delivered to the application's own server when it has
 * one (Spring's {@code RestClient} over the JDK's HTTP client).
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "bindings.input.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InputBindingsProperties.class)
public final class InputBindingsAutoConfiguration {

	@Bean
	static BindingListenerMethodProcessor bindingListenerMethodProcessor() {
		return new BindingListenerMethodProcessor();
	}

	@Bean
	@ConditionalOnMissingBean(InputBindingRegistry.class)
	DefaultInputBindingRegistry inputBindingRegistry(BeanFactory beanFactory,
			ObjectProvider<InputBindingFactory> factories, ObjectProvider<UnavailableBindingType> unavailableTypes,
			BindingListenerMethodProcessor listeners, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<InputBindingObservationConvention> convention,
			ObjectProvider<UnprocessedEventRecorder> recorder, ObjectProvider<DeliveryPolicyFactory> deliveryPolicies,
			InputBindingsProperties properties) {
		DefaultInputBindingRegistry.Settings settings = new DefaultInputBindingRegistry.Settings(listeners,
				SingletonSupplier.of(() -> jsonMapper.getIfAvailable(() -> JsonMapper.builder().build())),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), convention.getIfAvailable(),
				recorder.getIfAvailable(() -> UnprocessedEventRecorder.NONE), properties.getShutdownTimeout(),
				deliveryPolicies.getIfAvailable(() -> DeliveryPolicyFactory.NONE));
		return new DefaultInputBindingRegistry(
				beanFactory
					.getBean(BindingsAutoConfiguration.COMPONENT_DEFINITIONS_BEAN_NAME, ComponentDefinitions.class)
					.definitions(),
				factories.orderedStream().toList(), unavailableTypes.orderedStream().toList(), settings);
	}

	@Bean
	InputBindingsReadinessListener inputBindingsReadinessListener(
			ObjectProvider<DefaultInputBindingRegistry> registry) {
		return new InputBindingsReadinessListener(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebServerInitializedEvent.class, RestClient.class })
	static class AppServerConfiguration {

		@Bean
		AppServerListener inputBindingsAppServerListener(ObjectProvider<DefaultInputBindingRegistry> registry,
				Environment environment, InputBindingsProperties properties,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			return new AppServerListener(registry::getIfAvailable, environment, properties.getProbeTimeout(),
					properties.getDeliveryTimeout(),
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		}

	}

	/**
	 * Starts the input bindings when the application accepts traffic, pauses them when it
	 * refuses traffic.
	 */
	static final class InputBindingsReadinessListener implements ApplicationListener<AvailabilityChangeEvent<?>> {

		private final ObjectProvider<DefaultInputBindingRegistry> registry;

		InputBindingsReadinessListener(ObjectProvider<DefaultInputBindingRegistry> registry) {
			this.registry = registry;
		}

		@Override
		public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
			if (event.getState() instanceof ReadinessState readiness) {
				this.registry
					.ifAvailable((inputs) -> inputs.readinessChanged(readiness == ReadinessState.ACCEPTING_TRAFFIC));
			}
		}

	}

}
