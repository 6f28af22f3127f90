package dev.bindings.support.golang;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoTime}, against what Go's {@code time} package prints.
 */
class GoTimeTests {

	@Test
	void rfc3339NanoDropsTrailingZerosOfTheFraction() {
		assertThat(GoTime.rfc3339Nano(Instant.parse("2024-01-02T03:04:05.120Z"))).isEqualTo("2024-01-02T03:04:05.12Z");
		assertThat(GoTime.rfc3339Nano(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05Z");
	}

	@Test
	void rfc3339NanoKeepsANonUtcOffset() {
		assertThat(GoTime.rfc3339Nano(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 1, ZoneOffset.ofHoursMinutes(-5, -30))))
			.isEqualTo("2024-01-02T03:04:05.000000001-05:30");
	}

	@Test
	void timeOfDayAlwaysHasSeconds() {
		assertThat(GoTime.timeOfDay(LocalTime.of(10, 15))).isEqualTo("10:15:00");
		assertThat(GoTime.timeOfDay(LocalTime.of(10, 15, 1, 500_000_000))).isEqualTo("10:15:01.5");
	}

}
