package dev.infergate.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DurationTextTest {

    @ParameterizedTest(name = "{0} is {1} ns and is written {2}")
    @CsvSource({
        "5ms, 5000000, 5ms",
        "250us, 250000, 250us",
        "0.06ms, 60000, 60us",
        "1.5s, 1500000000, 1500ms",
        "7ns, 7, 7ns",
        "2s, 2000000000, 2s",
        "' 3 MS ', 3000000, 3ms",
        "0s, 0, 0s",
    })
    void durationsParseAndFormatInTheLargestWholeUnit(String text, long nanos, String formatted) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.ofNanos(nanos));
        assertThat(DurationText.format(Duration.ofNanos(nanos))).isEqualTo(formatted);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
    @CsvSource({
        "5, 'expected: a duration such as 5ms, 250us or 60us'",
        "ms, 'expected: a duration such as 5ms, 250us or 60us'",
        "5 minutes, 'expected: a duration such as 5ms, 250us or 60us'",
        "0.5ns, expected: a whole number of nanoseconds",
    })
    void malformedDurationsAreRejected(String text, String message) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
