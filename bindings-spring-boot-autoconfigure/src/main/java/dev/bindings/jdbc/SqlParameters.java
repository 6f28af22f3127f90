package dev.bindings.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.bindings.support.golang.GoJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code params} request metadata of a SQL binding: a JSON array whose elements are
 * bound, in order, to the statement's placeholders. Numbers without a fraction become
 * {@code Long} (or {@code BigDecimal} when too large), other numbers {@code BigDecimal},
 * strings {@code String}, booleans {@code Boolean}, {@code null} SQL {@code NULL}, and
 * nested arrays and objects their JSON text.
 */
final class SqlParameters {

	static final String KEY = "params";

	private SqlParameters() {
	}

	/**
	 * Decode the {@code params} metadata.
	 * @param metadata the request metadata
	 * @return the parameters, empty when the key is absent or empty
	 * @throws IllegalArgumentException with Dapr's message when the value is not a JSON
	 * array
	 */
	static List<@Nullable Object> from(Map<String, String> metadata) {
		String text = metadata.get(KEY);
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		JsonNode array;
		try {
			array = GoJson.mapper().readTree(text);
		}
		catch (JacksonException ex) {
			throw invalid(firstLine(ex.getOriginalMessage()), ex);
		}
		if (array == null || array.isMissingNode() || array.isNull()) {
			// json.Unmarshal of null into a slice leaves it nil
			return List.of();
		}
		if (!array.isArray()) {
			throw invalid("json: cannot unmarshal " + kind(array) + " into Go value of type []interface {}", null);
		}
		List<@Nullable Object> parameters = new ArrayList<>(array.size());
		for (JsonNode element : array) {
			parameters.add(value(element));
		}
		return Collections.unmodifiableList(parameters);
	}

	private static @Nullable Object value(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
		}
		if (node.isNumber()) {
			return node.decimalValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		return GoJson.mapper().writeValueAsString(node);
	}

	private static String kind(JsonNode node) {
		if (node.isObject()) {
			return "object";
		}
		if (node.isString()) {
			return "string";
		}
		if (node.isNumber()) {
			return "number";
		}
		return node.isBoolean() ? "bool" : "value";
	}

	private static String firstLine(String message) {
		int newLine = message.indexOf('\n');
		return (newLine >= 0) ? message.substring(0, newLine) : message;
	}

	private static IllegalArgumentException invalid(String reason, @Nullable Throwable cause) {
		return new IllegalArgumentException(
				"invalid metadata property " + KEY + ": failed to unserialize into an array: " + reason, cause);
	}

}
