package dev.bindings.support;

/**
 * {@code bindings.limits.max-response-size}, the largest response a binding type buffers
 * (an HTTP response body, a file, a listing, a query's result): its default, its check
 * and the words of the failure when a response is larger, the same for every type.
 */
public final class ResponseSizeLimit {

	/**
	 * The default of {@code bindings.limits.max-response-size}: 16MB.
	 */
	public static final long DEFAULT = 16L * 1024 * 1024;

	private static final long KB = 1024;

	private static final long MB = 1024 * KB;

	private ResponseSizeLimit() {
	}

	/**
	 * Check a limit.
	 * @param maxResponseSize the limit in bytes
	 * @return the limit
	 * @throws IllegalArgumentException if the limit is not positive
	 */
	public static long check(long maxResponseSize) {
		if (maxResponseSize <= 0) {
			throw new IllegalArgumentException("bindings.limits.max-response-size must be positive");
		}
		return maxResponseSize;
	}

	/**
	 * What a response larger than the limit is, for a message: for example
	 * {@code larger than 16MB, the limit set by bindings.limits.max-response-size}.
	 * @param maxResponseSize the limit in bytes
	 * @return the text
	 * @see #describe(long)
	 */
	public static String largerThan(long maxResponseSize) {
		return "larger than " + describe(maxResponseSize) + ", the limit set by bindings.limits.max-response-size";
	}

	/**
	 * A size for a message, as it is written in the property: {@code 16MB} or {@code 8KB}
	 * when it is a whole number of them, {@code 1000 bytes} otherwise.
	 * @param bytes the size in bytes
	 * @return the text
	 */
	public static String describe(long bytes) {
		if (bytes >= MB && bytes % MB == 0) {
			return (bytes / MB) + "MB";
		}
		if (bytes >= KB && bytes % KB == 0) {
			return (bytes / KB) + "KB";
		}
		return bytes + " bytes";
	}

}
