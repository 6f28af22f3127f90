package dev.bindings.cron;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CronSchedule}: daprd's schedule syntax (robfig/cron as forked by dapr/kit) and
 * robfig/cron's next-time algorithm, with zones given explicitly so the results do not
 * depend on the machine's zone.
 */
class CronScheduleTests {

	private static final ZoneId UTC = ZoneId.of("UTC");

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			TZ=UTC */5 * * * * *      | 2025-03-10T10:00:00Z | 2025-03-10T10:00:05Z
			TZ=UTC */5 * * * * *      | 2025-03-10T10:00:04.900Z | 2025-03-10T10:00:05Z
			TZ=UTC 0 * * * *          | 2025-03-10T10:00:00Z | 2025-03-10T11:00:00Z
			TZ=UTC 30 8 * * *         | 2025-03-10T10:00:00Z | 2025-03-11T08:30:00Z
			TZ=UTC 0 30 8 ? * *       | 2025-03-10T10:00:00Z | 2025-03-11T08:30:00Z
			TZ=UTC 0 0 1 jan *        | 2025-03-10T10:00:00Z | 2026-01-01T00:00:00Z
			TZ=UTC 0 0 * * MON        | 2025-03-10T10:00:00Z | 2025-03-17T00:00:00Z
			TZ=UTC 0 0 * * 0          | 2025-03-10T10:00:00Z | 2025-03-16T00:00:00Z
			TZ=UTC 0 0 1-3 * *        | 2025-03-10T10:00:00Z | 2025-04-01T00:00:00Z
			TZ=UTC 0 0 */10 * *       | 2025-03-10T10:00:00Z | 2025-03-11T00:00:00Z
			TZ=UTC 15,45 * * * * *    | 2025-03-10T10:00:20Z | 2025-03-10T10:00:45Z
			TZ=UTC 0 0 29 2 *         | 2025-03-10T10:00:00Z | 2028-02-29T00:00:00Z
			CRON_TZ=Asia/Tokyo 0 9 * * * | 2025-03-10T10:00:00Z | 2025-03-11T00:00:00Z
			TZ=UTC @hourly            | 2025-03-10T10:20:00Z | 2025-03-10T11:00:00Z
			TZ=UTC @daily             | 2025-03-10T10:20:00Z | 2025-03-11T00:00:00Z
			TZ=UTC @midnight          | 2025-03-10T10:20:00Z | 2025-03-11T00:00:00Z
			TZ=UTC @weekly            | 2025-03-10T10:20:00Z | 2025-03-16T00:00:00Z
			TZ=UTC @monthly           | 2025-03-10T10:20:00Z | 2025-04-01T00:00:00Z
			TZ=UTC @yearly            | 2025-03-10T10:20:00Z | 2026-01-01T00:00:00Z
			TZ=UTC @annually          | 2025-03-10T10:20:00Z | 2026-01-01T00:00:00Z
			""")
	void nextTime(String spec, String after, String next) {
		assertThat(CronSchedule.parse(spec).next(Instant.parse(after))).isEqualTo(Instant.parse(next));
	}

	@Test
	void whenDayOfMonthAndDayOfWeekAreBothRestrictedEitherMatches() {
		// the 15th, or any Sunday: 2025-03-10 is a Monday, the next Sunday the 16th
		CronSchedule schedule = CronSchedule.parse("TZ=UTC 0 0 15 * SUN");
		Instant first = schedule.next(Instant.parse("2025-03-10T10:00:00Z"));
		assertThat(first).isEqualTo(Instant.parse("2025-03-15T00:00:00Z"));
		assertThat(schedule.next(first)).isEqualTo(Instant.parse("2025-03-16T00:00:00Z"));
	}

	@Test
	void whenOneOfTheDayFieldsIsAStarBothMustMatch() {
		// every Sunday, whatever the day of month ('?' is '*')
		assertThat(CronSchedule.parse("TZ=UTC 0 0 ? * SUN").next(Instant.parse("2025-03-10T10:00:00Z")))
			.isEqualTo(Instant.parse("2025-03-16T00:00:00Z"));
		// a step over the whole range is a restriction, as in robfig/cron
		assertThat(CronSchedule.parse("TZ=UTC 0 0 */2 * SUN").next(Instant.parse("2025-03-10T10:00:00Z")))
			.isEqualTo(Instant.parse("2025-03-11T00:00:00Z"));
	}

	@Test
	void everyIsTheDurationAfterTheLastWakeUpUnrounded() {
		CronSchedule schedule = CronSchedule.parse("@every 1500ms");
		assertThat(schedule.every()).isEqualTo(Duration.ofMillis(1500));
		assertThat(schedule.next(Instant.parse("2025-03-10T10:00:00.123Z")))
			.isEqualTo(Instant.parse("2025-03-10T10:00:01.623Z"));
		assertThat(CronSchedule.parse("@every 1h30m").every()).isEqualTo(Duration.ofMinutes(90));
	}

	@Test
	void aDailyScheduleAcrossTheSpringDaylightSavingChangeStaysAtItsHour() {
		CronSchedule schedule = CronSchedule.parse("TZ=Europe/Berlin 0 30 2 * * *");
		// 2025-03-30 02:30 does not exist in Berlin: robfig/cron moves to the next day
		Instant next = schedule
			.next(ZonedDateTime.of(2025, 3, 29, 12, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant());
		assertThat(next).isEqualTo(ZonedDateTime.of(2025, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Berlin")).toInstant());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			* * * *                 | expected 5 to 6 fields, found 4: [* * * *]
			* * * * * * *           | expected 5 to 6 fields, found 7: [* * * * * * *]
			61 * * * * *            | end of range (61) above maximum (59): 61
			* * * 13 *              | end of range (13) above maximum (12): 13
			* * * * 7               | end of range (7) above maximum (6): 7
			* * 0 * *               | beginning of range (0) below minimum (1): 0
			5-1 * * * *             | beginning of range (5) beyond end of range (1): 5-1
			*/0 * * * *             | step of range should be a positive number: */0
			1-2-3 * * * *           | too many hyphens: 1-2-3
			*/1/2 * * * *           | too many slashes: */1/2
			x * * * *               | failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax
			L * * * *               | failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax
			@often                  | unrecognized descriptor: @often
			@every 5                | failed to parse duration @every 5: time: missing unit in duration "5"
			@every soon             | failed to parse duration @every soon: time: invalid duration "soon"
			TZ=Nowhere/Place * * * * * | provided bad location Nowhere/Place: unknown time zone Nowhere/Place
			""")
	void invalidSchedulesAreRefusedWithRobfigsReason(String spec, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.parse(spec)).withMessage(reason);
	}

	@Test
	void theTimeZonePrefixSetsTheZone() {
		Instant after = ZonedDateTime.of(2025, 3, 10, 10, 0, 0, 0, UTC).toInstant();
		assertThat(CronSchedule.parse("TZ=America/New_York 0 12 * * *").next(after))
			.isEqualTo(ZonedDateTime.of(2025, 3, 10, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
	}

}
