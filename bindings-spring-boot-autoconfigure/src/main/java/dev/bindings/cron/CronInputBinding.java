package dev.bindings.cron;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bindings.BindingEvent;
import dev.bindings.InputBinding;
import dev.bindings.InputBindingHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A {@code bindings.cron} input binding: each tick of the schedule is one event with an
 * empty body and daprd's metadata {@code timeZone} ({@code Local}, the scheduler's
 * location as daprd reports it) and {@code readTimeUTC} (the time in Go's
 * {@code time.Time.String()} form, {@code 2025-01-01 00:00:00.123456789 +0000 UTC}).
 * <p>
 * Each tick is delivered on a thread of its own, so a slow delivery does not delay the
 * next tick, as in daprd; unlike daprd, at most {@code maxConcurrentTicks} deliveries
 * overlap (default 5) and a tick that finds them all busy is skipped with a warning. A
 * failed delivery is not retried (daprd ignores it): it is reported skipped. Ticks that
 * fall while the binding is paused are not delivered, and missed ticks are not caught up.
 */
final class CronInputBinding implements InputBinding {

	private static final Log logger = LogFactory.getLog(CronInputBinding.class);

	private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final String name;

	private final CronSchedule schedule;

	private final int maxConcurrentTicks;

	private final ScheduledExecutorService scheduler;

	private final ThreadPoolExecutor deliveries;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile @Nullable InputBindingHandler handler;

	private volatile boolean paused;

	private volatile boolean stopped;

	CronInputBinding(String name, CronSchedule schedule, int maxConcurrentTicks) {
		this.name = name;
		this.schedule = schedule;
		this.maxConcurrentTicks = maxConcurrentTicks;
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
				daemon("bindings-cron-" + name + "-"));
		scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler = scheduler;
		this.deliveries = new ThreadPoolExecutor(0, maxConcurrentTicks, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemon("bindings-cron-" + name + "-delivery-"));
	}

	private static CustomizableThreadFactory daemon(String prefix) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
		factory.setDaemon(true);
		return factory;
	}

	@Override
	public synchronized void start(InputBindingHandler handler) {
		if (this.handler != null || this.stopped) {
			return;
		}
		this.handler = handler;
		scheduleAfter(Instant.now());
	}

	private void scheduleAfter(Instant now) {
		if (this.stopped) {
			return;
		}
		Instant next = this.schedule.next(now);
		if (next == null) {
			logger.warn("Cron binding '" + this.name + "': the schedule has no time within five years; no more ticks");
			return;
		}
		long delay = Math.max(0, Duration.between(Instant.now(), next).toNanos());
		try {
			this.scheduler.schedule(() -> tick(next), delay, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile
		}
	}

	private void tick(Instant scheduled) {
		Instant now = Instant.now();
		try {
			InputBindingHandler handler = this.handler;
			if (handler != null && !this.paused && !this.stopped) {
				fire(handler, now);
			}
		}
		finally {
			// @every counts from this wake-up (drift accumulates, as in daprd); a
			// calendar
			// schedule goes to the next match after the tick that was due
			scheduleAfter((this.schedule.every() != null) ? now : (now.isAfter(scheduled) ? now : scheduled));
		}
	}

	private void fire(InputBindingHandler handler, Instant now) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("timeZone", "Local");
		metadata.put("readTimeUTC", goTime(now));
		BindingEvent event = new BindingEvent(this.name, new byte[0], metadata);
		String source = "the tick of " + metadata.get("readTimeUTC");
		try {
			this.deliveries.execute(() -> {
				this.inFlight.incrementAndGet();
				try {
					handler.handle(event);
				}
				catch (Exception ex) {
					handler.skipped(event, source, ex);
				}
				finally {
					this.inFlight.decrementAndGet();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			if (!this.stopped) {
				logger.warn(
						"Cron binding '" + this.name + "': " + source + " is not delivered: " + this.maxConcurrentTicks
								+ " deliveries of earlier ticks are still in flight" + " (maxConcurrentTicks)");
			}
		}
	}

	/**
	 * A time as Go's {@code time.Time.String()} writes a UTC time: the fraction of the
	 * second without trailing zeros, then {@code +0000 UTC}.
	 * @param time the time
	 * @return the text
	 */
	static String goTime(Instant time) {
		StringBuilder text = new StringBuilder(GO_TIME.format(time.atOffset(ZoneOffset.UTC)));
		int nanos = time.getNano();
		if (nanos != 0) {
			String fraction = String.format("%09d", nanos);
			int end = fraction.length();
			while (fraction.charAt(end - 1) == '0') {
				end--;
			}
			text.append('.').append(fraction, 0, end);
		}
		return text.append(" +0000 UTC").toString();
	}

	@Override
	public void pause() {
		this.paused = true;
	}

	@Override
	public void resume() {
		this.paused = false;
	}

	@Override
	public void stop(Duration timeout) {
		this.stopped = true;
		this.scheduler.shutdownNow();
		this.deliveries.shutdown();
		try {
			if (!this.deliveries.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Cron binding '" + this.name + "': " + this.inFlight.get()
						+ " deliveries still in flight after " + timeout.toMillis() + " ms");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
