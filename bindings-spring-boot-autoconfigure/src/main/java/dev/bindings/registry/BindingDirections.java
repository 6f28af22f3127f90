package dev.bindings.registry;

import java.util.Locale;
import java.util.Map;

import dev.bindings.component.ComponentDefinition;
import org.jspecify.annotations.Nullable;

/**
 * daprd's {@code direction} metadata: the item's name matches case-insensitively, its
 * value is a comma-separated list whose parts are trimmed and compared case-insensitively
 * with {@code input} and {@code output}. Without the item, a component has every
 * direction its type supports; with it, only those it names (and an input named
 * explicitly is delivered without the {@code OPTIONS} probe).
 */
public final class BindingDirections {

	private static final String DIRECTION = "direction";

	private BindingDirections() {
	}

	/**
	 * The value of the {@code direction} item.
	 * @param component the component
	 * @return the value, or {@code null} when the component has no such item
	 */
	public static @Nullable String direction(ComponentDefinition component) {
		for (Map.Entry<String, String> entry : component.metadata().entrySet()) {
			if (entry.getKey().equalsIgnoreCase(DIRECTION)) {
				return entry.getValue();
			}
		}
		return null;
	}

	/**
	 * Whether the component has a {@code direction} item.
	 * @param component the component
	 * @return whether the direction is explicit
	 */
	public static boolean isExplicit(ComponentDefinition component) {
		return direction(component) != null;
	}

	/**
	 * Whether the {@code direction} item names {@code input}.
	 * @param component the component
	 * @return whether input is named explicitly
	 */
	public static boolean namesInput(ComponentDefinition component) {
		return names(direction(component), "input");
	}

	/**
	 * Whether the {@code direction} item names {@code output}.
	 * @param component the component
	 * @return whether output is named explicitly
	 */
	public static boolean namesOutput(ComponentDefinition component) {
		return names(direction(component), "output");
	}

	/**
	 * Whether the component may have an input side: no {@code direction} item, or one
	 * that names {@code input}.
	 * @param component the component
	 * @return whether an input side is allowed
	 */
	public static boolean allowsInput(ComponentDefinition component) {
		String direction = direction(component);
		return direction == null || names(direction, "input");
	}

	private static boolean names(@Nullable String direction, String name) {
		if (direction == null) {
			return false;
		}
		for (String part : direction.split(",")) {
			if (part.trim().toLowerCase(Locale.ROOT).equals(name)) {
				return true;
			}
		}
		return false;
	}

}
