package dev.bindings.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoFormat}, against what Go's {@code time} and {@code encoding/json}
 * packages print.
 */
class GoFormatTests {

	@Test
	void durationBelowOneMicrosecondIsInNanoseconds() {
		assertThat(GoFormat.duration(850)).isEqualTo("850ns");
	}

	@Test
	void durationBelowOneMillisecondIsInMicroseconds() {
		assertThat(GoFormat.duration(1_500)).isEqualTo("1.5µs");
	}

	@Test
	void durationBelowOneSecondIsInMillisecondsWithoutTrailingZeros() {
		assertThat(GoFormat.duration(1_234_000)).isEqualTo("1.234ms");
		assertThat(GoFormat.duration(Duration.ofMillis(20))).isEqualTo("20ms");
	}

	@Test
	void durationOfSecondsMinutesAndHoursIsCompound() {
		assertThat(GoFormat.duration(Duration.ofMillis(2500))).isEqualTo("2.5s");
		assertThat(GoFormat.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(GoFormat.duration(Duration.ofHours(1).plusMillis(500))).isEqualTo("1h0m0.5s");
	}

	@Test
	void zeroAndNegativeDurationsAreFormattedAsInGo() {
		assertThat(GoFormat.duration(0)).isEqualTo("0s");
		assertThat(GoFormat.duration(-1_500_000)).isEqualTo("-1.5ms");
	}

	@Test
	void rfc3339NanoDropsTrailingZerosOfTheFraction() {
		assertThat(GoFormat.rfc3339Nano(Instant.parse("2024-01-02T03:04:05.120Z")))
			.isEqualTo("2024-01-02T03:04:05.12Z");
		assertThat(GoFormat.rfc3339Nano(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05Z");
	}

	@Test
	void rfc3339NanoKeepsANonUtcOffset() {
		assertThat(GoFormat.rfc3339Nano(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 1, ZoneOffset.ofHoursMinutes(-5, -30))))
			.isEqualTo("2024-01-02T03:04:05.000000001-05:30");
	}

	@Test
	void timeOfDayAlwaysHasSeconds() {
		assertThat(GoFormat.timeOfDay(LocalTime.of(10, 15))).isEqualTo("10:15:00");
		assertThat(GoFormat.timeOfDay(LocalTime.of(10, 15, 1, 500_000_000))).isEqualTo("10:15:01.5");
	}

	@Test
	void jsonNumberIsPlainBetweenOneMillionthAndTenToTheTwentyOne() {
		assertThat(GoFormat.jsonNumber(1.0)).isEqualTo("1");
		assertThat(GoFormat.jsonNumber(100.0)).isEqualTo("100");
		assertThat(GoFormat.jsonNumber(0.000001)).isEqualTo("0.000001");
		assertThat(GoFormat.jsonNumber(1e20)).isEqualTo("100000000000000000000");
		assertThat(GoFormat.jsonNumber(0.1f)).isEqualTo("0.1");
	}

	@Test
	void jsonNumberUsesExponentFormOutsideThatRange() {
		assertThat(GoFormat.jsonNumber(1e21)).isEqualTo("1e+21");
		assertThat(GoFormat.jsonNumber(1.5e-7)).isEqualTo("1.5e-7");
		assertThat(GoFormat.jsonNumber(-2.5e-10)).isEqualTo("-2.5e-10");
	}

}
