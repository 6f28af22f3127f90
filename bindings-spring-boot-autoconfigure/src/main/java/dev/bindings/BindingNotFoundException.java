package dev.bindings;

/**
 * No output binding with the requested name exists.
 */
public class BindingNotFoundException extends BindingException {

	public BindingNotFoundException(String bindingName) {
		super(bindingName, "couldn't find output binding " + bindingName, null);
	}

}
