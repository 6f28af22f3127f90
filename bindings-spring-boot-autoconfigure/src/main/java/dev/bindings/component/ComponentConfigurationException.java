package dev.bindings.component;

import org.jspecify.annotations.Nullable;

/**
 * A component definition is invalid or cannot be turned into a binding. The message names
 * the component, where it was declared and what to change; it never contains metadata
 * values.
 */
public class ComponentConfigurationException extends RuntimeException {

	private final @Nullable String componentName;

	private final String origin;

	private final @Nullable String action;

	/**
	 * Create a new exception.
	 * @param componentName the component, if known
	 * @param origin where it was declared (a file or a property)
	 * @param problem what is wrong
	 * @param action what would fix it, if known
	 * @param cause the cause, if any
	 */
	public ComponentConfigurationException(@Nullable String componentName, String origin, String problem,
			@Nullable String action, @Nullable Throwable cause) {
		super(((componentName != null) ? "Component '" + componentName + "' in " : "In ") + origin + ": " + problem,
				cause);
		this.componentName = componentName;
		this.origin = origin;
		this.action = action;
	}

	/**
	 * The component name, if known.
	 * @return the component name or {@code null}
	 */
	public @Nullable String getComponentName() {
		return this.componentName;
	}

	/**
	 * Where the component was declared.
	 * @return a file (with document and line) or a property name
	 */
	public String getOrigin() {
		return this.origin;
	}

	/**
	 * What would fix the problem, if known.
	 * @return the suggested action or {@code null}
	 */
	public @Nullable String getAction() {
		return this.action;
	}

}
