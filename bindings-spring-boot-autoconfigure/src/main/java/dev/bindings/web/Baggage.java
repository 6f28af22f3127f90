package dev.bindings.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code baggage} header as daprd handles it: every instance joined with
 * {@code ,}, checked with the W3C grammar (as OpenTelemetry's {@code baggage.Parse}), and
 * copied into the binding's metadata when valid. Dapr's HTTP and gRPC APIs both use it.
 */
public final class Baggage {

	private static final int MAX_MEMBERS = 180;

	private static final int MAX_BYTES = 8192;

	private Baggage() {
	}

	/**
	 * Join the instances of the header.
	 * @param headers the header values
	 * @return the joined value, or {@code null} when there is no header
	 */
	static @Nullable String join(@Nullable Enumeration<String> headers) {
		if (headers == null || !headers.hasMoreElements()) {
			return null;
		}
		List<String> values = Collections.list(headers);
		return String.join(",", values);
	}

	/**
	 * Check the header.
	 * @param headers the header values
	 * @return what is wrong, or {@code null} when the header is absent or valid
	 */
	public static @Nullable String validate(@Nullable Enumeration<String> headers) {
		String value = join(headers);
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return "baggage-string too large";
		}
		List<String> members = new ArrayList<>(List.of(value.split(",", -1)));
		if (members.size() > MAX_MEMBERS) {
			return "baggage-string too large";
		}
		for (String member : members) {
			String problem = checkMember(member);
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

	private static @Nullable String checkMember(String member) {
		String[] parts = member.split(";", -1);
		String keyValue = parts[0];
		int equals = keyValue.indexOf('=');
		if (equals < 0) {
			return "invalid baggage list-member: \"" + member + "\"";
		}
		String key = keyValue.substring(0, equals).trim();
		String value = keyValue.substring(equals + 1).trim();
		if (!isToken(key)) {
			return "invalid baggage list-member: invalid key: \"" + key + "\"";
		}
		if (!isValue(value)) {
			return "invalid baggage list-member: invalid value: \"" + value + "\"";
		}
		for (int i = 1; i < parts.length; i++) {
			String property = parts[i].trim();
			int propertyEquals = property.indexOf('=');
			String propertyKey = ((propertyEquals >= 0) ? property.substring(0, propertyEquals) : property).trim();
			if (!isToken(propertyKey)
					|| (propertyEquals >= 0 && !isValue(property.substring(propertyEquals + 1).trim()))) {
				return "invalid baggage list-member: invalid property: \"" + property + "\"";
			}
		}
		return null;
	}

	private static boolean isToken(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isValue(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean octet = c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a)
					|| (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
			if (!octet) {
				return false;
			}
			if (c == '%' && (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
					|| Character.digit(text.charAt(i + 2), 16) < 0)) {
				return false;
			}
		}
		return true;
	}

}
