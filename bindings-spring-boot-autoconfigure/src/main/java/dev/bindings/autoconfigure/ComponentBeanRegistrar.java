package dev.bindings.autoconfigure;

import java.util.List;

import dev.bindings.component.ComponentConfigurationException;
import dev.bindings.component.ComponentDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.Environment;

/**
 * The one place that registers the beans that exist once per component (an
 * {@link dev.bindings.OutputBinding} bean per binding, named after it): it loads the
 * components with the environment the application starts in and registers, for each, the
 * beans of every {@link ComponentBeans}, together with the loaded definitions
 * ({@link BindingsAutoConfiguration#COMPONENT_DEFINITIONS_BEAN_NAME}).
 * <p>
 * It runs while bean definitions are read, whenever the application starts: after the
 * configuration classes in a plain start, and from its own generated bean definition in
 * an application processed ahead of time (run with {@code -Dspring.aot.enabled=true}, or
 * a native image). Components are therefore never frozen into generated code: a component
 * folder or property changed after the build (a Kubernetes config map mounted at run
 * time) is what the processed application uses. To that end, while the application is
 * processed ahead of time ({@code spring.aot.processing}) it loads and registers nothing,
 * and every definition it registers carries
 * {@link BeanRegistrationAotProcessor#IGNORE_REGISTRATION_ATTRIBUTE}, so that no AOT
 * processing writes it into generated code.
 * <p>
 * Spring Framework 7's {@code BeanRegistrar} is also run again at run time in a processed
 * application, but it can neither tell that a name is already taken nor keep the bean
 * factory from closing an instance that its owner closes.
 */
final class ComponentBeanRegistrar implements BeanDefinitionRegistryPostProcessor {

	/**
	 * The attribute of a component's bean definitions that holds where the component was
	 * declared.
	 */
	static final String ORIGIN_ATTRIBUTE = "dev.bindings.origin";

	private final Environment environment;

	private final List<ComponentBeans> beans;

	/**
	 * Create a registrar.
	 * @param environment the environment the components are loaded with
	 * @param beans the beans each component gets, one entry per kind
	 */
	ComponentBeanRegistrar(Environment environment, List<ComponentBeans> beans) {
		this.environment = environment;
		this.beans = List.copyOf(beans);
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			// build time: the components are those of the environment the processed
			// application starts in
			return;
		}
		List<ComponentDefinition> definitions = List.copyOf(BindingsAutoConfiguration.loadComponents(this.environment));
		Registry beans = new Registry(registry);
		registry.registerBeanDefinition(BindingsAutoConfiguration.COMPONENT_DEFINITIONS_BEAN_NAME,
				beans.definition(BindingsAutoConfiguration.ComponentDefinitions.class,
						(beanFactory) -> new BindingsAutoConfiguration.ComponentDefinitions(definitions)));
		for (ComponentDefinition definition : definitions) {
			for (ComponentBeans kind : this.beans) {
				kind.register(definition, beans);
			}
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

	/**
	 * The beans of one kind that a component gets (today: its output binding).
	 */
	@FunctionalInterface
	interface ComponentBeans {

		/**
		 * Register the beans of a component, if it has any of this kind.
		 * @param component the component
		 * @param registry where to register them
		 */
		void register(ComponentDefinition component, Registry registry);

	}

	/**
	 * Where a component's bean gets its instance.
	 *
	 * @param <T> the bean type
	 */
	@FunctionalInterface
	interface Instance<T> {

		/**
		 * The instance, when the bean is first asked for.
		 * @param beanFactory the bean factory
		 * @return the instance, or {@code null} for none
		 */
		@Nullable T get(BeanFactory beanFactory);

	}

	/**
	 * Registers the beans of components, the same way for every kind.
	 */
	static final class Registry {

		private final BeanDefinitionRegistry registry;

		private Registry(BeanDefinitionRegistry registry) {
			this.registry = registry;
		}

		/**
		 * Register the bean of a component. The bean factory never closes it: its
		 * instance comes from a bean that owns (and closes) it, such as the output
		 * binding registry.
		 * @param <T> the bean type
		 * @param component the component the bean is for
		 * @param name the bean name
		 * @param type the bean type
		 * @param instance the bean's instance, from the bean factory, when it is first
		 * asked for
		 * @throws ComponentConfigurationException if another bean has that name
		 */
		<T> void register(ComponentDefinition component, String name, Class<T> type, Instance<T> instance) {
			if (this.registry.containsBeanDefinition(name)) {
				throw new ComponentConfigurationException(component.name(), component.origin(),
						"the component name is already the name of another bean",
						"Rename the component, or the bean named '" + name + "'.", null);
			}
			RootBeanDefinition definition = definition(type, instance);
			definition.setAttribute(ORIGIN_ATTRIBUTE, component.origin());
			this.registry.registerBeanDefinition(name, definition);
		}

		private <T> RootBeanDefinition definition(Class<T> type, Instance<T> instance) {
			BeanFactory beanFactory = (BeanFactory) this.registry;
			RootBeanDefinition definition = new RootBeanDefinition(type, () -> instance.get(beanFactory));
			definition.setDestroyMethodName("");
			// registered again, with the run-time environment, when a processed
			// application starts
			definition.setAttribute(BeanRegistrationAotProcessor.IGNORE_REGISTRATION_ATTRIBUTE, true);
			return definition;
		}

	}

}
