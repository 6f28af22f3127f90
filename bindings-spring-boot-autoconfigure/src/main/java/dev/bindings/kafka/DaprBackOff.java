package dev.bindings.kafka;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import dev.bindings.component.ComponentMetadata;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Dapr's retry configuration (dapr/kit {@code retry.Config}, the {@code backOff*}
 * metadata keys) as a Spring {@link BackOff}: {@code backOffPolicy} {@code constant} (the
 * default: every {@code backOffDuration}, 5 s) or {@code exponential}
 * ({@code backOffInitialInterval} 500 ms, multiplied by {@code backOffMultiplier} 1.5 per
 * attempt, randomised by {@code backOffRandomizationFactor} 0.5, capped at
 * {@code backOffMaxInterval} 60 s, stopped after {@code backOffMaxElapsedTime} 15 min);
 * {@code backOffMaxRetries} retries at most, {@code -1} (the default) for no limit.
 */
final class DaprBackOff implements BackOff {

	private final boolean exponential;

	private final long interval;

	private final long initialInterval;

	private final double randomizationFactor;

	private final double multiplier;

	private final long maxInterval;

	private final long maxElapsedTime;

	private final long maxRetries;

	private DaprBackOff(boolean exponential, long interval, long initialInterval, double randomizationFactor,
			double multiplier, long maxInterval, long maxElapsedTime, long maxRetries) {
		this.exponential = exponential;
		this.interval = interval;
		this.initialInterval = initialInterval;
		this.randomizationFactor = randomizationFactor;
		this.multiplier = multiplier;
		this.maxInterval = maxInterval;
		this.maxElapsedTime = maxElapsedTime;
		this.maxRetries = maxRetries;
	}

	/**
	 * Read the {@code backOff*} keys.
	 * @param md the component metadata
	 * @return the back-off
	 * @throws IllegalArgumentException if a value is invalid
	 */
	static DaprBackOff of(ComponentMetadata md) {
		String policy = md.getNonEmpty("backOffPolicy");
		boolean exponential;
		if (policy == null || policy.trim().equalsIgnoreCase("constant")) {
			exponential = false;
		}
		else if (policy.trim().equalsIgnoreCase("exponential")) {
			exponential = true;
		}
		else {
			throw new IllegalArgumentException("kafka error: invalid value for 'backOffPolicy': "
					+ policy.toLowerCase(Locale.ROOT) + " (must be constant or exponential)");
		}
		long maxRetries = md.getInt("backOffMaxRetries", -1, -1, Integer.MAX_VALUE,
				"kafka error: invalid value for 'backOffMaxRetries': a whole number, -1 for no limit");
		return new DaprBackOff(exponential, millis(md, "backOffDuration", Duration.ofSeconds(5)),
				millis(md, "backOffInitialInterval", Duration.ofMillis(500)),
				number(md, "backOffRandomizationFactor", 0.5), number(md, "backOffMultiplier", 1.5),
				millis(md, "backOffMaxInterval", Duration.ofSeconds(60)),
				millis(md, "backOffMaxElapsedTime", Duration.ofMinutes(15)), maxRetries);
	}

	private static long millis(ComponentMetadata md, String key, Duration defaultValue) {
		Duration duration = md.getDuration(key, (reason) -> "kafka error: invalid value for '" + key + "': " + reason);
		return ((duration != null && !duration.isNegative()) ? duration : defaultValue).toMillis();
	}

	private static double number(ComponentMetadata md, String key, double defaultValue) {
		String value = md.getNonEmpty(key);
		if (value == null) {
			return defaultValue;
		}
		try {
			double number = Double.parseDouble(value.trim());
			if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("kafka error: invalid value for '" + key + "': not a number");
		}
	}

	@Override
	public BackOffExecution start() {
		return new Execution();
	}

	@Override
	public String toString() {
		String retries = (this.maxRetries < 0) ? "no limit" : this.maxRetries + " retries";
		return this.exponential
				? "exponential back-off from " + this.initialInterval + " ms (x" + this.multiplier + ", at most "
						+ this.maxInterval + " ms, " + retries + ")"
				: "constant back-off of " + this.interval + " ms (" + retries + ")";
	}

	private final class Execution implements BackOffExecution {

		private final long start = System.nanoTime();

		private long retries;

		private long current = DaprBackOff.this.initialInterval;

		@Override
		public long nextBackOff() {
			DaprBackOff config = DaprBackOff.this;
			if (config.maxRetries >= 0 && this.retries >= config.maxRetries) {
				return STOP;
			}
			this.retries++;
			if (!config.exponential) {
				return config.interval;
			}
			// cenkalti/backoff: a random value within +-factor of the current interval
			double delta = config.randomizationFactor * this.current;
			double min = this.current - delta;
			double max = this.current + delta;
			long next = (long) (min + ThreadLocalRandom.current().nextDouble() * (max - min + 1));
			this.current = (this.current >= config.maxInterval / config.multiplier) ? config.maxInterval
					: (long) (this.current * config.multiplier);
			long elapsed = (System.nanoTime() - this.start) / 1_000_000;
			if (config.maxElapsedTime > 0 && elapsed + next > config.maxElapsedTime) {
				return STOP;
			}
			return next;
		}

	}

}
