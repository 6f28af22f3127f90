package dev.bindings.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording made with {@code settings=profile}: the
 * {@code jdk.ExecutionSample} events (CPU samples of Java code) by top frame (self time),
 * by method anywhere on the stack (total time) for chosen packages, and by coarse layer;
 * and the {@code jdk.ObjectAllocationSample} events (weighted by sampled bytes) by
 * allocating method and class. With a thread name pattern, also where the matching
 * threads spend their time, running or waiting in native code (a socket, a selector):
 * {@code jdk.ExecutionSample} and {@code jdk.NativeMethodSample} of those threads by
 * method anywhere on the stack. The same figures can be had with
 * {@code jfr print --events jdk.ExecutionSample}. <pre>
 * java -cp ... dev.bindings.bench.JfrSummary recording.jfr [TOP [THREAD_REGEX]]
 * </pre>
 */
public final class JfrSummary {

	private static final String[][] LAYERS = { { "dev.bindings.", "starter (dev.bindings)" },
			{ "org.apache.kafka.", "Kafka client" }, { "tools.jackson.", "Jackson" },
			{ "com.fasterxml.jackson.", "Jackson" }, { "org.apache.catalina.", "Tomcat" },
			{ "org.apache.coyote.", "Tomcat" }, { "org.apache.tomcat.", "Tomcat" },
			{ "org.springframework.kafka.", "spring-kafka" }, { "org.springframework.web.", "Spring MVC" },
			{ "org.springframework.", "Spring (other)" }, { "sun.nio.", "JDK NIO" }, { "java.", "JDK" },
			{ "jdk.", "JDK" }, { "sun.", "JDK" } };

	private JfrSummary() {
	}

	public static void main(String[] args) throws Exception {
		int top = (args.length > 1) ? Integer.parseInt(args[1]) : 15;
		Pattern threads = (args.length > 2) ? Pattern.compile(args[2]) : null;
		Map<String, Long> threadTotal = new HashMap<>();
		long threadSamples = 0;
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> total = new HashMap<>();
		Map<String, Long> layers = new HashMap<>();
		Map<String, Long> allocBySite = new HashMap<>();
		Map<String, Long> allocByClass = new HashMap<>();
		long samples = 0;
		long allocated = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			String type = event.getEventType().getName();
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			List<RecordedFrame> frames = stack.getFrames();
			if (threads != null && (type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample"))) {
				RecordedThread thread = event.getThread("sampledThread");
				if (thread != null && thread.getJavaName() != null && threads.matcher(thread.getJavaName()).matches()) {
					threadSamples++;
					Set<String> seen = new HashSet<>();
					for (RecordedFrame frame : frames) {
						String name = name(frame);
						if (seen.add(name)) {
							threadTotal.merge(name, 1L, Long::sum);
						}
					}
				}
			}
			if (type.equals("jdk.ExecutionSample")) {
				samples++;
				String topFrame = name(frames.get(0));
				self.merge(topFrame, 1L, Long::sum);
				layers.merge(layer(frames), 1L, Long::sum);
				Set<String> seen = new HashSet<>();
				for (RecordedFrame frame : frames) {
					String name = name(frame);
					if (name.startsWith("dev.bindings.") && seen.add(name)) {
						total.merge(name, 1L, Long::sum);
					}
				}
			}
			else if (type.equals("jdk.ObjectAllocationSample")) {
				long weight = event.getLong("weight");
				allocated += weight;
				allocBySite.merge(name(frames.get(0)) + " <- " + caller(frames), weight, Long::sum);
				allocByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
			}
		}
		System.out.println("execution samples: " + samples);
		print("by layer of the first non-JDK frame (self)", layers, samples, top);
		print("top frames (self)", self, samples, top);
		print("dev.bindings methods on the stack (total)", total, samples, top);
		System.out.println();
		System.out.println(String.format(Locale.ROOT, "allocation samples: %.1f MB sampled weight", allocated / 1e6));
		print("allocation by class", allocByClass, allocated, top);
		print("allocation by site", allocBySite, allocated, top);
		if (threads != null) {
			System.out.println();
			System.out.println("threads matching " + threads + ": " + threadSamples
					+ " samples, running or in native code (execution and native method samples)");
			print("methods on the stack of those threads (total)", threadTotal, threadSamples, top);
		}
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	/** The first frame outside the JDK, which says which library asked for the work. */
	private static String layer(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String name = name(frame);
			if (!(name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun."))) {
				return layerOf(name);
			}
		}
		return layerOf(name(frames.get(0)));
	}

	private static String layerOf(String name) {
		for (String[] layer : LAYERS) {
			if (name.startsWith(layer[0])) {
				return layer[1];
			}
		}
		return "other";
	}

	private static String caller(List<RecordedFrame> frames) {
		for (int i = 1; i < frames.size(); i++) {
			String name = name(frames.get(i));
			if (!(name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun."))) {
				return name;
			}
		}
		return "?";
	}

	private static void print(String title, Map<String, Long> counts, long total, int top) {
		System.out.println();
		System.out.println("## " + title);
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(top)
			.forEach((entry) -> System.out.println(String.format(Locale.ROOT, "%6.1f%%  %s",
					100.0 * entry.getValue() / Math.max(1, total), entry.getKey())));
	}

}
