package dev.bindings.postgresql;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites PostgreSQL's positional placeholders ({@code $1}, {@code $2}, as Dapr users
 * write them for pgx) into JDBC's {@code ?}, remembering which parameter each {@code ?}
 * takes, and doubles a literal {@code ?} (an operator such as jsonb's) so the driver does
 * not take it for a placeholder. String literals, quoted identifiers, dollar-quoted
 * strings and comments are left untouched.
 *
 * @param sql the statement for the JDBC driver
 * @param parameters for each {@code ?} in order, the 1-based number of the Dapr parameter
 * @param count the highest placeholder number in the statement
 */
record PostgreSqlPlaceholders(String sql, int[] parameters, int count) {

	static PostgreSqlPlaceholders translate(String sql) {
		StringBuilder translated = new StringBuilder(sql.length() + 8);
		List<Integer> parameters = new ArrayList<>();
		int count = 0;
		int length = sql.length();
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '\'' || c == '"') {
				boolean escapes = c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
						&& (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
				int end = endOfQuoted(sql, i, c, escapes);
				translated.append(sql, i, end);
				i = end;
			}
			else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int end = sql.indexOf('\n', i);
				end = (end < 0) ? length : end + 1;
				translated.append(sql, i, end);
				i = end;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				int end = endOfBlockComment(sql, i);
				translated.append(sql, i, end);
				i = end;
			}
			else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
				int digits = i + 1;
				while (digits < length && Character.isDigit(sql.charAt(digits))) {
					digits++;
				}
				if (digits > i + 1) {
					int number = Integer.parseInt(sql.substring(i + 1, digits));
					parameters.add(number);
					count = Math.max(count, number);
					translated.append('?');
					i = digits;
				}
				else {
					int end = endOfDollarQuoted(sql, i);
					translated.append(sql, i, end);
					i = end;
				}
			}
			else if (c == '?') {
				translated.append("??");
				i++;
			}
			else {
				translated.append(c);
				i++;
			}
		}
		return new PostgreSqlPlaceholders(translated.toString(),
				parameters.stream().mapToInt(Integer::intValue).toArray(), count);
	}

	private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
		int i = start + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (backslashEscapes && c == '\\') {
				i += 2;
				continue;
			}
			if (c == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return sql.length();
	}

	private static int endOfBlockComment(String sql, int start) {
		int depth = 0;
		int i = start;
		while (i < sql.length()) {
			if (sql.startsWith("/*", i)) {
				depth++;
				i += 2;
			}
			else if (sql.startsWith("*/", i)) {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

	/**
	 * The end of a dollar-quoted string starting at {@code start}, or {@code start + 1}
	 * when the {@code $} does not open one.
	 */
	private static int endOfDollarQuoted(String sql, int start) {
		int i = start + 1;
		if (i < sql.length() && sql.charAt(i) != '$') {
			if (!Character.isLetter(sql.charAt(i)) && sql.charAt(i) != '_') {
				return start + 1;
			}
			while (i < sql.length() && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
				i++;
			}
			if (i >= sql.length() || sql.charAt(i) != '$') {
				return start + 1;
			}
		}
		if (i >= sql.length()) {
			return start + 1;
		}
		String tag = sql.substring(start, i + 1);
		int end = sql.indexOf(tag, i + 1);
		return (end < 0) ? sql.length() : end + tag.length();
	}

	private static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

}
