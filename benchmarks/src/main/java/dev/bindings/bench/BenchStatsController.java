package dev.bindings.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Figures for the driver script, without an actuator (which would change what is
 * measured).
 * <ul>
 * <li>{@code POST /bench/alloc/begin} and {@code /bench/alloc/end}: bytes allocated by
 * all threads of the JVM in between, from
 * {@link ThreadMXBean#getThreadAllocatedBytes(long[])}, per thread, so that a thread
 * started in between counts from zero (one that ended in between is lost: Tomcat keeps
 * its workers for 60 s, longer than a run);</li>
 * <li>{@code POST /bench/gc}: a full collection, then the heap in use;</li>
 * <li>{@code GET /bench/stats}: heap in use, process CPU time, thread count.</li>
 * </ul>
 */
@RestController
class BenchStatsController {

	private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private Map<Long, Long> allocationStart = new HashMap<>();

	@PostMapping("/bench/alloc/begin")
	synchronized Map<String, Object> allocationBegin() {
		this.allocationStart = allocatedByThread();
		return Map.of("threads", this.allocationStart.size());
	}

	@PostMapping("/bench/alloc/end")
	synchronized Map<String, Object> allocationEnd() {
		long total = 0;
		Map<Long, Long> now = allocatedByThread();
		for (Map.Entry<Long, Long> entry : now.entrySet()) {
			total += entry.getValue() - this.allocationStart.getOrDefault(entry.getKey(), 0L);
		}
		return Map.of("allocatedBytes", total, "threads", now.size());
	}

	private Map<Long, Long> allocatedByThread() {
		long[] ids = this.threads.getAllThreadIds();
		long[] bytes = this.threads.getThreadAllocatedBytes(ids);
		Map<Long, Long> result = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				result.put(ids[i], bytes[i]);
			}
		}
		return result;
	}

	@PostMapping("/bench/gc")
	Map<String, Object> gc() {
		System.gc();
		System.gc();
		return stats();
	}

	@GetMapping("/bench/stats")
	Map<String, Object> stats() {
		Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("heapUsedBytes", this.memory.getHeapMemoryUsage().getUsed());
		stats.put("heapCommittedBytes", this.memory.getHeapMemoryUsage().getCommitted());
		stats.put("nonHeapUsedBytes", this.memory.getNonHeapMemoryUsage().getUsed());
		stats.put("processCpuNanos",
				((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
		stats.put("threads", this.threads.getThreadCount());
		stats.put("loadedClasses", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
		stats.put("starter", isPresent("dev.bindings.BindingClient"));
		return stats;
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, BenchStatsController.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
