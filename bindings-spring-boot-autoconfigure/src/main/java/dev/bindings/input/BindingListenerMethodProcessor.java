package dev.bindings.input;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.bindings.BindingListener;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link BindingListener} methods of the application's beans, as spring-kafka
 * finds {@code @KafkaListener} methods: after each bean's initialization, on its target
 * class (so proxied beans work, the method being invoked through the proxy). The input
 * binding registry takes them when every singleton exists. A binding named by two methods
 * stops startup.
 */
public class BindingListenerMethodProcessor implements BeanPostProcessor, EnvironmentAware {

	private final Map<String, BindingListenerMethod> methods = Collections.synchronizedMap(new LinkedHashMap<>());

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (ScopedProxyUtils.isScopedTarget(beanName)) {
			// the scoped proxy of the same bean is processed and invoked instead
			return bean;
		}
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (!AnnotationUtils.isCandidateClass(targetClass, BindingListener.class)) {
			return bean;
		}
		Map<Method, BindingListener> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<BindingListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, BindingListener.class));
		for (Map.Entry<Method, BindingListener> entry : annotated.entrySet()) {
			Method method = entry.getKey();
			String description = ClassUtils.getShortName(targetClass) + "." + method.getName() + "("
					+ parameters(method) + ")";
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			BindingListenerMethod listener;
			try {
				listener = new BindingListenerMethod(bean, invocable, description);
			}
			catch (IllegalStateException ex) {
				throw new BeanInitializationException(String.valueOf(ex.getMessage()), ex);
			}
			for (String name : entry.getValue().value()) {
				String binding = resolve(name).trim();
				BindingListenerMethod previous = this.methods.putIfAbsent(binding, listener);
				if (previous != null) {
					throw new BeanInitializationException("Input binding '" + binding
							+ "' has two @BindingListener methods, " + previous.description() + " and " + description
							+ "; an input binding is delivered to one handler");
				}
			}
		}
		return bean;
	}

	private String resolve(String name) {
		return (this.environment != null) ? this.environment.resolveRequiredPlaceholders(name) : name;
	}

	private static String parameters(Method method) {
		StringBuilder parameters = new StringBuilder();
		for (Class<?> type : method.getParameterTypes()) {
			parameters.append((parameters.length() > 0) ? ", " : "").append(type.getSimpleName());
		}
		return parameters.toString();
	}

	/**
	 * The handler methods found so far, by binding name.
	 * @return the methods
	 */
	Map<String, BindingListenerMethod> methods() {
		synchronized (this.methods) {
			return new LinkedHashMap<>(this.methods);
		}
	}

}
