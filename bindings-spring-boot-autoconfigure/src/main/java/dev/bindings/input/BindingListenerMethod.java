package dev.bindings.input;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import dev.bindings.BindingEvent;
import dev.bindings.BindingListener;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ReflectionUtils;

/**
 * One {@link BindingListener} method of a bean, and how an event becomes its argument.
 */
final class BindingListenerMethod {

	private enum Argument {

		NONE, BYTES, TEXT, EVENT, JSON

	}

	private final Object bean;

	private final Method method;

	private final String description;

	private final Argument argument;

	private volatile @Nullable JavaType jsonType;

	/**
	 * Create a handler method.
	 * @param bean the bean (possibly a proxy)
	 * @param method the method to invoke on the bean
	 * @param description the method, for logs and errors
	 */
	BindingListenerMethod(Object bean, Method method, String description) {
		this.bean = bean;
		this.method = method;
		this.description = description;
		this.argument = argument(method, description);
		ReflectionUtils.makeAccessible(method);
	}

	private static Argument argument(Method method, String description) {
		if (method.getParameterCount() == 0) {
			return Argument.NONE;
		}
		if (method.getParameterCount() > 1) {
			throw new IllegalStateException("@BindingListener method " + description
					+ " takes more than one parameter; take none, or one of byte[], String, BindingEvent, "
					+ "or a type read from the event's JSON");
		}
		Class<?> type = method.getParameterTypes()[0];
		if (type == byte[].class) {
			return Argument.BYTES;
		}
		if (type == String.class) {
			return Argument.TEXT;
		}
		if (type == BindingEvent.class) {
			return Argument.EVENT;
		}
		return Argument.JSON;
	}

	/**
	 * The method, for logs and errors.
	 * @return the description
	 */
	String description() {
		return this.description;
	}

	/**
	 * Invoke the method with an event.
	 * @param event the event
	 * @param jsonMapper reads the argument of a method that takes a JSON type
	 * @throws Exception what the method threw, or why the event could not be read
	 */
	void invoke(BindingEvent event, JsonMapper jsonMapper) throws Exception {
		Object[] arguments = switch (this.argument) {
			case NONE -> new Object[0];
			case BYTES -> new Object[] { event.data() };
			case TEXT -> new Object[] { event.dataAsString() };
			case EVENT -> new Object[] { event };
			case JSON -> new Object[] { jsonMapper.readValue(event.data(), jsonType(jsonMapper)) };
		};
		try {
			this.method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable target = ex.getTargetException();
			if (target instanceof Exception exception) {
				throw exception;
			}
			if (target instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	private JavaType jsonType(JsonMapper jsonMapper) {
		JavaType type = this.jsonType;
		if (type == null) {
			Type parameterType = this.method.getGenericParameterTypes()[0];
			type = jsonMapper.constructType(parameterType);
			this.jsonType = type;
		}
		return type;
	}

}
