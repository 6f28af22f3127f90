package dev.bindings.cron;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import dev.bindings.component.ComponentMetadata;
import org.jspecify.annotations.Nullable;

/**
 * A schedule in the syntax of daprd's cron binding (robfig/cron, as forked by dapr/kit,
 * with the parser options {@code SecondOptional | Minute | Hour | Dom | Month |
 * Dow | Descriptor}):
 * <ul>
 * <li>5 fields (minute, hour, day of month, month, day of week; second 0) or 6 (second
 * first); each field a comma list of {@code *}, {@code ?} (the same), a number or a name
 * ({@code jan}-{@code dec}, {@code sun}-{@code sat}), a range {@code a-b}, each with an
 * optional step {@code /n} ({@code a/n} meaning {@code a-max/n}); day of week 0 (Sunday)
 * to 6;</li>
 * <li>when both day of month and day of week are restricted (neither is {@code *} or
 * {@code ?}), a day matches when either matches, as in robfig/cron;</li>
 * <li>an optional {@code TZ=<zone>} or {@code CRON_TZ=<zone>} prefix;</li>
 * <li>the descriptors {@code @yearly} ({@code @annually}), {@code @monthly},
 * {@code @weekly}, {@code @daily} ({@code @midnight}), {@code @hourly}, and
 * {@code @every <Go duration>}: the next tick is the duration after the previous wake-up,
 * unrounded, as in dapr/kit's fork.</li>
 * </ul>
 * The next time is found with robfig/cron's algorithm, including its handling of daylight
 * saving time changes.
 */
final class CronSchedule {

	private static final long STAR = 1L << 63;

	private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
			Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
			Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

	private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5,
			"sat", 6);

	private static final Bounds SECONDS = new Bounds(0, 59, Map.of());

	private static final Bounds MINUTES = new Bounds(0, 59, Map.of());

	private static final Bounds HOURS = new Bounds(0, 23, Map.of());

	private static final Bounds DOM = new Bounds(1, 31, Map.of());

	private static final Bounds MONTH = new Bounds(1, 12, MONTHS);

	private static final Bounds DOW = new Bounds(0, 6, DAYS);

	private final @Nullable Duration every;

	private final long second;

	private final long minute;

	private final long hour;

	private final long dom;

	private final long month;

	private final long dow;

	private final @Nullable ZoneId zone;

	private CronSchedule(@Nullable Duration every, long second, long minute, long hour, long dom, long month, long dow,
			@Nullable ZoneId zone) {
		this.every = every;
		this.second = second;
		this.minute = minute;
		this.hour = hour;
		this.dom = dom;
		this.month = month;
		this.dow = dow;
		this.zone = zone;
	}

	/**
	 * Parse a schedule.
	 * @param text the schedule
	 * @return the schedule
	 * @throws IllegalArgumentException with robfig/cron's reason
	 */
	static CronSchedule parse(String text) {
		String spec = text;
		if (spec.isEmpty()) {
			throw new IllegalArgumentException("empty spec string");
		}
		ZoneId zone = null;
		if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
			int space = spec.indexOf(' ');
			int equals = spec.indexOf('=');
			String name = (space < 0) ? spec.substring(equals + 1) : spec.substring(equals + 1, space);
			try {
				zone = name.equals("Local") ? ZoneId.systemDefault() : ZoneId.of(name);
			}
			catch (DateTimeException ex) {
				throw new IllegalArgumentException("provided bad location " + name + ": unknown time zone " + name);
			}
			spec = (space < 0) ? "" : spec.substring(space).trim();
		}
		if (spec.startsWith("@")) {
			return descriptor(spec, zone);
		}
		String[] fields = spec.trim().isEmpty() ? new String[0] : spec.trim().split("\\s+");
		if (fields.length < 5 || fields.length > 6) {
			throw new IllegalArgumentException(
					"expected 5 to 6 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]");
		}
		int offset = (fields.length == 6) ? 1 : 0;
		long second = (offset == 1) ? field(fields[0], SECONDS) : 1L;
		return new CronSchedule(null, second, field(fields[offset], MINUTES), field(fields[offset + 1], HOURS),
				field(fields[offset + 2], DOM), field(fields[offset + 3], MONTH), field(fields[offset + 4], DOW), zone);
	}

	private static CronSchedule descriptor(String spec, @Nullable ZoneId zone) {
		switch (spec) {
			case "@yearly", "@annually" -> {
				return new CronSchedule(null, 1L, 1L, 1L, 1L << 1, 1L << 1, all(DOW), zone);
			}
			case "@monthly" -> {
				return new CronSchedule(null, 1L, 1L, 1L, 1L << 1, all(MONTH), all(DOW), zone);
			}
			case "@weekly" -> {
				return new CronSchedule(null, 1L, 1L, 1L, all(DOM), all(MONTH), 1L, zone);
			}
			case "@daily", "@midnight" -> {
				return new CronSchedule(null, 1L, 1L, 1L, all(DOM), all(MONTH), all(DOW), zone);
			}
			case "@hourly" -> {
				return new CronSchedule(null, 1L, 1L, all(HOURS), all(DOM), all(MONTH), all(DOW), zone);
			}
			default -> {
			}
		}
		if (spec.startsWith("@every ")) {
			String text = spec.substring("@every ".length());
			Duration every;
			try {
				if (text.trim().matches("[+-]?[0-9]+") && !text.trim().equals("0")) {
					throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
				}
				every = ComponentMetadata.parseDuration(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("failed to parse duration " + spec + ": " + ex.getMessage());
			}
			if (every.isZero() || every.isNegative()) {
				throw new IllegalArgumentException("the duration of " + spec + " must be positive");
			}
			return new CronSchedule(every, 0, 0, 0, 0, 0, 0, zone);
		}
		throw new IllegalArgumentException("unrecognized descriptor: " + spec);
	}

	private static long all(Bounds bounds) {
		return bits(bounds.min(), bounds.max(), 1) | STAR;
	}

	private static long bits(int min, int max, int step) {
		long bits = 0;
		for (int i = min; i <= max; i += step) {
			bits |= 1L << i;
		}
		return bits;
	}

	private static long field(String field, Bounds bounds) {
		long bits = 0;
		for (String expression : field.split(",", -1)) {
			bits |= range(expression, bounds);
		}
		return bits;
	}

	private static long range(String expression, Bounds bounds) {
		String[] rangeAndStep = expression.split("/", -1);
		String[] lowAndHigh = rangeAndStep[0].split("-", -1);
		boolean single = lowAndHigh.length == 1;
		int start;
		int end;
		long extra = 0;
		if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
			start = bounds.min();
			end = bounds.max();
			extra = STAR;
		}
		else {
			start = intOrName(lowAndHigh[0], bounds);
			end = switch (lowAndHigh.length) {
				case 1 -> start;
				case 2 -> intOrName(lowAndHigh[1], bounds);
				default -> throw new IllegalArgumentException("too many hyphens: " + expression);
			};
		}
		int step;
		switch (rangeAndStep.length) {
			case 1 -> step = 1;
			case 2 -> {
				step = number(rangeAndStep[1]);
				if (single) {
					end = bounds.max();
				}
				if (step > 1) {
					extra = 0;
				}
			}
			default -> throw new IllegalArgumentException("too many slashes: " + expression);
		}
		if (start < bounds.min()) {
			throw new IllegalArgumentException(
					"beginning of range (" + start + ") below minimum (" + bounds.min() + "): " + expression);
		}
		if (end > bounds.max()) {
			throw new IllegalArgumentException(
					"end of range (" + end + ") above maximum (" + bounds.max() + "): " + expression);
		}
		if (start > end) {
			throw new IllegalArgumentException(
					"beginning of range (" + start + ") beyond end of range (" + end + "): " + expression);
		}
		if (step == 0) {
			throw new IllegalArgumentException("step of range should be a positive number: " + expression);
		}
		return bits(start, end, step) | extra;
	}

	private static int intOrName(String text, Bounds bounds) {
		Integer named = bounds.names().get(text.toLowerCase(Locale.ROOT));
		return (named != null) ? named : number(text);
	}

	private static int number(String text) {
		int number;
		try {
			number = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"failed to parse int from " + text + ": strconv.Atoi: parsing \"" + text + "\": invalid syntax");
		}
		if (number < 0) {
			throw new IllegalArgumentException("negative number (" + number + ") not allowed: " + text);
		}
		return number;
	}

	/**
	 * Whether this is an {@code @every} schedule.
	 * @return the interval, or {@code null} for a calendar schedule
	 */
	@Nullable Duration every() {
		return this.every;
	}

	/**
	 * The first time after a given time: for {@code @every}, the time plus the interval;
	 * otherwise the next whole second the fields match, in the schedule's zone (or the
	 * system's), as robfig/cron finds it.
	 * @param after the time
	 * @return the next time, or {@code null} when none comes within five years
	 */
	@Nullable Instant next(Instant after) {
		Duration interval = this.every;
		if (interval != null) {
			return after.plus(interval);
		}
		ZoneId zoneId = (this.zone != null) ? this.zone : ZoneId.systemDefault();
		ZonedDateTime t = after.atZone(zoneId).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		boolean added = false;
		int yearLimit = t.getYear() + 5;
		wrap: while (true) {
			if (t.getYear() > yearLimit) {
				return null;
			}
			while ((1L << t.getMonthValue() & this.month) == 0) {
				if (!added) {
					added = true;
					t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), 1, 0, 0, 0, 0, zoneId);
				}
				t = t.plusMonths(1);
				if (t.getMonthValue() == 1) {
					continue wrap;
				}
			}
			while (!dayMatches(t)) {
				if (!added) {
					added = true;
					t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), 0, 0, 0, 0, zoneId);
				}
				t = t.plusDays(1);
				// daylight saving time: back to midnight
				if (t.getHour() != 0) {
					t = (t.getHour() > 12) ? t.plusHours(24 - t.getHour()) : t.minusHours(t.getHour());
				}
				if (t.getDayOfMonth() == 1) {
					continue wrap;
				}
			}
			while ((1L << t.getHour() & this.hour) == 0) {
				if (!added) {
					added = true;
					t = t.truncatedTo(ChronoUnit.HOURS);
				}
				t = t.plusHours(1);
				if (t.getHour() == 0) {
					continue wrap;
				}
			}
			while ((1L << t.getMinute() & this.minute) == 0) {
				if (!added) {
					added = true;
					t = t.truncatedTo(ChronoUnit.MINUTES);
				}
				t = t.plusMinutes(1);
				if (t.getMinute() == 0) {
					continue wrap;
				}
			}
			while ((1L << t.getSecond() & this.second) == 0) {
				if (!added) {
					added = true;
					t = t.truncatedTo(ChronoUnit.SECONDS);
				}
				t = t.plusSeconds(1);
				if (t.getSecond() == 0) {
					continue wrap;
				}
			}
			return t.toInstant();
		}
	}

	private boolean dayMatches(ZonedDateTime t) {
		boolean domMatch = (1L << t.getDayOfMonth() & this.dom) != 0;
		boolean dowMatch = (1L << (t.getDayOfWeek().getValue() % 7) & this.dow) != 0;
		if ((this.dom & STAR) != 0 || (this.dow & STAR) != 0) {
			return domMatch && dowMatch;
		}
		return domMatch || dowMatch;
	}

	private record Bounds(int min, int max, Map<String, Integer> names) {

	}

}
