package dev.bindings.component;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the typed getters of {@link ComponentMetadata}.
 */
class ComponentMetadataTests {

	private static final List<String> WEB = List.of("http", "https");

	@Test
	void keysDifferingOnlyInCaseAreDuplicates() {
		assertThatIllegalArgumentException().isThrownBy(() -> ComponentMetadata.of(Map.of("Url", "a", "url", "b")))
			.withMessage("key url is duplicate in the metadata");
	}

	@Test
	void requireGivesTheValueMatchedCaseInsensitively() {
		assertThat(metadata("URL", "tcp://h").require("url", "missing url")).isEqualTo("tcp://h");
	}

	@Test
	void requireFailsWithTheCallersMessageWhenAbsentOrEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> metadata().require("url", "missing url"))
			.withMessage("missing url")
			.withNoCause();
		assertThatIllegalArgumentException().isThrownBy(() -> metadata("url", "").require("url", "missing url"))
			.withMessage("missing url");
	}

	@Test
	void getIntReadsATrimmedNumber() {
		assertThat(metadata("n", " 42 ").getInt("n", "bad n")).isEqualTo(42);
		assertThat(metadata("n", "-7").getInt("n", 3, "bad n")).isEqualTo(-7);
	}

	@Test
	void getIntIsNullOrTheDefaultWhenAbsentOrEmpty() {
		assertThat(metadata().getInt("n", "bad n")).isNull();
		assertThat(metadata("n", "").getInt("n", "bad n")).isNull();
		assertThat(metadata().getInt("n", 3, "bad n")).isEqualTo(3);
		assertThat(metadata("n", "").getInt("n", 3, 5, 9, "bad n")).isEqualTo(3);
	}

	@Test
	void getIntFailsWithTheCallersMessageAndWithoutTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> metadata("n", "Secret-42").getInt("n", "bad n"))
			.withMessage("bad n")
			.withNoCause();
		assertThatIllegalArgumentException().isThrownBy(() -> metadata("n", "4.5").getInt("n", 0, "bad n"))
			.withMessage("bad n");
		assertThatIllegalArgumentException().isThrownBy(() -> metadata("n", "2147483648").getInt("n", 0, "bad n"))
			.withMessage("bad n");
	}

	@Test
	void getIntWithBoundsAcceptsTheBoundsAndRefusesWhatIsOutside() {
		assertThat(metadata("n", "0").getInt("n", 1, 0, 10, "bad n")).isZero();
		assertThat(metadata("n", "10").getInt("n", 1, 0, 10, "bad n")).isEqualTo(10);
		assertThatIllegalArgumentException().isThrownBy(() -> metadata("n", "-1").getInt("n", 1, 0, 10, "bad n"))
			.withMessage("bad n");
		assertThatIllegalArgumentException().isThrownBy(() -> metadata("n", "11").getInt("n", 1, 0, 10, "bad n"))
			.withMessage("bad n");
	}

	@Test
	void parseIntDoesNotTrim() {
		assertThat(ComponentMetadata.parseInt("6379", 1, 65535, "bad port")).isEqualTo(6379);
		assertThatIllegalArgumentException().isThrownBy(() -> ComponentMetadata.parseInt(" 6379", 1, 65535, "bad port"))
			.withMessage("bad port");
		assertThatIllegalArgumentException().isThrownBy(() -> ComponentMetadata.parseInt("65536", 1, 65535, "bad port"))
			.withMessage("bad port");
	}

	@Test
	void getUnsignedIntReadsAsGoParseUintAndCapsAtTheMaximum() {
		assertThat(metadata().getUnsignedInt("p", 255, "bad p")).isNull();
		assertThat(metadata("p", "10").getUnsignedInt("p", 255, "bad p")).isEqualTo(10);
		assertThat(metadata("p", "255").getUnsignedInt("p", 255, "bad p")).isEqualTo(255);
		assertThat(metadata("p", "300").getUnsignedInt("p", 255, "bad p")).isEqualTo(255);
		assertThat(metadata("p", "18446744073709551615").getUnsignedInt("p", 255, "bad p")).isEqualTo(255);
	}

	@Test
	void getUnsignedIntRefusesSignsOverflowAndText() {
		for (String value : List.of("-1", "18446744073709551616", "high", " 5")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> metadata("p", value).getUnsignedInt("p", 255, "bad p"))
				.withMessage("bad p")
				.withNoCause();
		}
	}

	@Test
	void getDurationReadsGoDurationsAndWholeSeconds() {
		assertThat(metadata("t", "1m30s").getDuration("t", "bad t")).isEqualTo(Duration.ofSeconds(90));
		assertThat(metadata("t", "5").getDuration("t", "bad t")).isEqualTo(Duration.ofSeconds(5));
		assertThat(metadata("t", "500ms").getDuration("t", (reason) -> reason)).isEqualTo(Duration.ofMillis(500));
		assertThat(metadata().getDuration("t", "bad t")).isNull();
		assertThat(metadata("t", "").getDuration("t", (reason) -> reason)).isNull();
	}

	@Test
	void getDurationFailsWithTheCallersMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> metadata("t", "fast").getDuration("t", "bad t"))
			.withMessage("bad t")
			.withNoCause();
	}

	@Test
	void getDurationCanQuoteGosReasonInTheMessage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> metadata("t", "1.5").getDuration("t", (reason) -> "invalid 't': " + reason))
			.withMessage("invalid 't': time: missing unit in duration \"1.5\"")
			.withNoCause();
	}

	@Test
	void getPositiveDurationGivesTheDefaultForAbsentZeroAndNegativeValues() {
		Duration fallback = Duration.ofSeconds(3);
		assertThat(metadata().getPositiveDuration("t", fallback, "bad t")).isEqualTo(fallback);
		assertThat(metadata("t", "0").getPositiveDuration("t", fallback, "bad t")).isEqualTo(fallback);
		assertThat(metadata("t", "-1s").getPositiveDuration("t", fallback, "bad t")).isEqualTo(fallback);
		assertThat(metadata("t", "1ns").getPositiveDuration("t", fallback, "bad t")).isEqualTo(Duration.ofNanos(1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> metadata("t", "soon").getPositiveDuration("t", fallback, "bad t"))
			.withMessage("bad t");
	}

	@Test
	void parseDurationWithAMessageHidesGosReason() {
		assertThat(ComponentMetadata.parseDuration("2s", "bad")).isEqualTo(Duration.ofSeconds(2));
		assertThatIllegalArgumentException().isThrownBy(() -> ComponentMetadata.parseDuration("3000000h", "bad"))
			.withMessage("bad")
			.withNoCause();
	}

	@Test
	void parseUriAcceptsAnAllowedSchemeInAnyCase() {
		URI uri = ComponentMetadata.parseUri("HTTPS://user:pw@example.com:8443/p", WEB, "not", "scheme", "host");
		assertThat(uri.getHost()).isEqualTo("example.com");
		assertThat(uri.getPort()).isEqualTo(8443);
	}

	@Test
	void parseUriChecksSyntaxThenSchemeThenHostWithoutQuotingTheUri() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComponentMetadata.parseUri("http://u:Secret@h st/", WEB, "not", "scheme", "host"))
			.withMessage("not")
			.withNoCause();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComponentMetadata.parseUri("ftp://u:Secret@h/", WEB, "not", "scheme", "host"))
			.withMessage("scheme");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComponentMetadata.parseUri("/relative", WEB, "not", "scheme", "host"))
			.withMessage("scheme");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComponentMetadata.parseUri("http:///path", WEB, "not", "scheme", "host"))
			.withMessage("host");
	}

	private static ComponentMetadata metadata(String... keysAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return ComponentMetadata.of(map);
	}

	@Test
	void anInvalidDurationOfAKeyNamedLikeASecretIsReportedWithoutTheValue() {
		ComponentMetadata metadata = ComponentMetadata.of(Map.of("tokenRefreshInterval", "s3cret-value"));
		assertThatIllegalArgumentException().isThrownBy(() -> metadata.getDuration("tokenRefreshInterval"))
			.withMessage("time: invalid duration");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> metadata.getDuration("tokenRefreshInterval", (reason) -> "invalid: " + reason))
			.withMessage("invalid: time: invalid duration");
	}

	@Test
	void anInvalidDurationOfAnotherKeyIsReportedWithGosMessage() {
		ComponentMetadata metadata = ComponentMetadata.of(Map.of("retryInterval", "fast"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> metadata.getDuration("retryInterval", (reason) -> "invalid: " + reason))
			.withMessage("invalid: time: invalid duration \"fast\"");
	}

}
