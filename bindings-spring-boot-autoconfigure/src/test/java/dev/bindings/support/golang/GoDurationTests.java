package dev.bindings.support.golang;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link GoDuration}, against what Go's {@code time} package parses and prints.
 */
class GoDurationTests {

	@Test
	void durationBelowOneMicrosecondIsInNanoseconds() {
		assertThat(GoDuration.format(850)).isEqualTo("850ns");
	}

	@Test
	void durationBelowOneMillisecondIsInMicroseconds() {
		assertThat(GoDuration.format(1_500)).isEqualTo("1.5µs");
	}

	@Test
	void durationBelowOneSecondIsInMillisecondsWithoutTrailingZeros() {
		assertThat(GoDuration.format(1_234_000)).isEqualTo("1.234ms");
		assertThat(GoDuration.format(Duration.ofMillis(20))).isEqualTo("20ms");
	}

	@Test
	void durationOfSecondsMinutesAndHoursIsCompound() {
		assertThat(GoDuration.format(Duration.ofMillis(2500))).isEqualTo("2.5s");
		assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(GoDuration.format(Duration.ofHours(1).plusMillis(500))).isEqualTo("1h0m0.5s");
	}

	@Test
	void zeroAndNegativeDurationsAreFormattedAsInGo() {
		assertThat(GoDuration.format(0)).isEqualTo("0s");
		assertThat(GoDuration.format(-1_500_000)).isEqualTo("-1.5ms");
	}

	@Test
	void parseReadsGoDurationsWithFractionsSignsAndMicroSigns() {
		assertThat(GoDuration.parse("1h2m3.5s")).isEqualTo(Duration.ofSeconds(3723, 500_000_000));
		assertThat(GoDuration.parse("-1.5ms")).isEqualTo(Duration.ofNanos(-1_500_000));
		assertThat(GoDuration.parse("3µs")).isEqualTo(Duration.ofNanos(3_000));
		assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
	}

	@Test
	void parseRefusesWhatGoRefusesWithGosMessages() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("5"))
			.withMessage("time: missing unit in duration \"5\"");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("5d"))
			.withMessage("time: unknown unit \"d\" in duration \"5d\"");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("3000000h"))
			.withMessage("time: invalid duration \"3000000h\"");
	}

	@Test
	void formatReadsBackWithParse() {
		for (long nanos : new long[] { 1, 999, 1_500, 1_234_567, 2_500_000_000L, 3_723_500_000_000L,
				-90_000_000_000L }) {
			assertThat(GoDuration.parse(GoDuration.format(nanos))).isEqualTo(Duration.ofNanos(nanos));
		}
	}

}
