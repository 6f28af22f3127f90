package dev.bindings.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.bindings.BindingClient;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentLoader;
import dev.bindings.component.InlineComponent;
import dev.bindings.input.InputBindingRegistry;
import dev.bindings.observation.BindingObservationConvention;
import dev.bindings.registry.BindingDirections;
import dev.bindings.registry.DefaultBindingClient;
import dev.bindings.registry.DefaultOutputBindingRegistry;
import dev.bindings.registry.InputBindingFactory;
import dev.bindings.registry.OutputBindingDecorator;
import dev.bindings.registry.OutputBindingFactory;
import dev.bindings.registry.OutputBindingRegistry;
import dev.bindings.registry.RuntimeMetadata;
import dev.bindings.registry.UnavailableBindingType;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for Dapr output bindings: loads the components, registers one
 * {@link OutputBinding} bean per component (named after it), the
 * {@link OutputBindingRegistry} that creates them and the {@link BindingClient}. The
 * registry gets every {@link OutputBindingFactory}, {@link OutputBindingDecorator} and
 * {@link UnavailableBindingType} bean; binding types contribute them from their own
 * auto-configurations.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "bindings.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BindingsProperties.class)
public final class BindingsAutoConfiguration {

	/** The name of the bean holding the loaded component definitions. */
	public static final String COMPONENT_DEFINITIONS_BEAN_NAME = "dev.bindings.componentDefinitions";

	/**
	 * The beans each component gets, registered whenever the application starts, in a
	 * processed (AOT) application too: one {@link OutputBinding} bean per binding, named
	 * after the component (none for a component whose {@code direction} names only
	 * {@code input}). A new kind of per-component bean is one more entry here.
	 * @param environment the environment
	 * @return the registrar
	 */
	@Bean
	static ComponentBeanRegistrar componentBeanRegistrar(Environment environment) {
		return new ComponentBeanRegistrar(environment, List.of(BindingsAutoConfiguration::registerOutputBinding));
	}

	private static void registerOutputBinding(ComponentDefinition component, ComponentBeanRegistrar.Registry beans) {
		boolean inputOnly = BindingDirections.isExplicit(component) && !BindingDirections.namesOutput(component);
		if (component.normalizedType().startsWith("bindings.") && !inputOnly) {
			String name = component.name();
			beans.register(component, name, OutputBinding.class,
					(beanFactory) -> beanFactory.getBean(OutputBindingRegistry.class).find(name));
		}
	}

	@Bean
	@ConditionalOnMissingBean(OutputBindingRegistry.class)
	DefaultOutputBindingRegistry outputBindingRegistry(BeanFactory beanFactory,
			ObjectProvider<OutputBindingFactory> factories, ObjectProvider<OutputBindingDecorator> decorators,
			ObjectProvider<UnavailableBindingType> unavailableTypes,
			ObjectProvider<InputBindingFactory> inputFactories) {
		return new DefaultOutputBindingRegistry(
				beanFactory.getBean(COMPONENT_DEFINITIONS_BEAN_NAME, ComponentDefinitions.class).definitions(),
				factories.orderedStream().toList(), decorators.orderedStream().toList(),
				unavailableTypes.orderedStream().toList(), inputFactories.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean(BindingClient.class)
	DefaultBindingClient bindingClient(OutputBindingRegistry registry, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<BindingObservationConvention> observationConvention) {
		JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
		return new DefaultBindingClient(registry, mapper::writeValueAsBytes,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				observationConvention.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	RuntimeMetadata bindingsRuntimeMetadata(BindingsProperties properties, Environment environment,
			BeanFactory beanFactory, OutputBindingRegistry registry, ObjectProvider<InputBindingRegistry> inputs) {
		InputBindingRegistry inputRegistry = inputs.getIfAvailable();
		List<RuntimeMetadata.Component> components = new ArrayList<>();
		for (ComponentDefinition definition : beanFactory
			.getBean(COMPONENT_DEFINITIONS_BEAN_NAME, ComponentDefinitions.class)
			.definitions()) {
			List<String> capabilities = new ArrayList<>();
			if (inputRegistry != null && inputRegistry.find(definition.name()) != null) {
				capabilities.add(RuntimeMetadata.INPUT_BINDING);
			}
			if (registry.find(definition.name()) != null) {
				capabilities.add(RuntimeMetadata.OUTPUT_BINDING);
			}
			if (!capabilities.isEmpty()) {
				components.add(new RuntimeMetadata.Component(definition.name(), definition.type(), definition.version(),
						capabilities));
			}
			else if (definition.normalizedType().startsWith("secretstores.")) {
				components.add(new RuntimeMetadata.Component(definition.name(), definition.type(), definition.version(),
						List.of()));
			}
		}
		return new RuntimeMetadata(appId(properties, environment), starterVersion(), components);
	}

	private static String starterVersion() {
		try (InputStream in = BindingsAutoConfiguration.class
			.getResourceAsStream("/META-INF/dev-bindings.properties")) {
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

	/**
	 * The component folders: {@code bindings.components-path}, or {@code components}.
	 * @param properties the properties
	 * @return the folders, in order
	 */
	static List<Path> componentFolders(BindingsProperties properties) {
		List<String> paths = properties.getComponentsPath();
		List<Path> folders = new ArrayList<>();
		for (String path : (paths != null) ? paths : List.of("components")) {
			if (StringUtils.hasText(path)) {
				folders.add(Path.of(path.trim()));
			}
		}
		return folders;
	}

	/**
	 * The app ID: {@code bindings.app-id}, or {@code spring.application.name}.
	 * @param properties the properties
	 * @param environment the environment
	 * @return the app ID, possibly empty
	 */
	static String appId(BindingsProperties properties, Environment environment) {
		return StringUtils.hasText(properties.getAppId()) ? properties.getAppId()
				: environment.getProperty("spring.application.name", "");
	}

	/**
	 * The component definitions loaded at startup.
	 *
	 * @param definitions the definitions, in load order
	 */
	public record ComponentDefinitions(List<ComponentDefinition> definitions) {

	}

	/**
	 * Load the components with the environment the application starts in.
	 * @param environment the environment
	 * @return the component definitions, in load order
	 */
	static List<ComponentDefinition> loadComponents(Environment environment) {
		BindingsProperties properties = Binder.get(environment)
			.bind("bindings", BindingsProperties.class)
			.orElseGet(BindingsProperties::new);
		String appId = appId(properties, environment);
		ComponentLoader loader = new ComponentLoader(appId, environment.getProperty("NAMESPACE"),
				environment::getProperty);
		boolean explicit = properties.getComponentsPath() != null;
		List<Path> folders = componentFolders(properties);
		List<InlineComponent> inline = new ArrayList<>();
		for (Map.Entry<String, BindingsProperties.Component> entry : properties.getComponents().entrySet()) {
			BindingsProperties.Component component = entry.getValue();
			String name = StringUtils.hasText(component.getName()) ? component.getName() : entry.getKey();
			String origin = "property 'bindings.components." + entry.getKey() + "'";
			if (!StringUtils.hasText(component.getType())) {
				throw new ComponentConfigurationException(name, origin, "the component has no type",
						"Set 'bindings.components." + entry.getKey() + ".type', for example to bindings.kafka.", null);
			}
			inline.add(new InlineComponent(name, component.getType(), component.getVersion(), component.getMetadata(),
					component.getScopes(), component.isIgnoreErrors(), origin));
		}
		return loader.load(folders, explicit, inline);
	}

}
