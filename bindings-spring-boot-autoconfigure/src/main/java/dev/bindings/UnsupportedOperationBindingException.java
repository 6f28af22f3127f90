package dev.bindings;

import java.util.List;

/**
 * The request had no operation, or one the binding does not support.
 */
public class UnsupportedOperationBindingException extends BindingException {

	private UnsupportedOperationBindingException(String bindingName, String reason) {
		super(bindingName, reason, null);
	}

	/**
	 * The request named no operation.
	 * @param bindingName the binding name
	 * @return the exception
	 */
	public static UnsupportedOperationBindingException missing(String bindingName) {
		return new UnsupportedOperationBindingException(bindingName, "operation field is missing from request");
	}

	/**
	 * The binding does not support the requested operation.
	 * @param bindingName the binding name
	 * @param operation the requested operation
	 * @param supported the operations the binding supports
	 * @return the exception
	 */
	public static UnsupportedOperationBindingException unsupported(String bindingName, String operation,
			List<String> supported) {
		return new UnsupportedOperationBindingException(bindingName, "binding " + bindingName
				+ " does not support operation " + operation + ". supported operations:" + String.join(" ", supported));
	}

}
