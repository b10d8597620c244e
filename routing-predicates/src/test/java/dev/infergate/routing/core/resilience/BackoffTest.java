package dev.infergate.routing.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(25), Duration.ofMillis(150));

    @ParameterizedTest(name = "retry {0}: ceiling {1} ms")
    @CsvSource({"1, 25", "2, 50", "3, 100", "4, 150", "5, 150", "40, 150"})
    void theCeilingDoublesPerRetryUpToTheCap(int retry, long ceilingMillis) {
        assertThat(backoff.ceiling(retry)).isEqualTo(Duration.ofMillis(ceilingMillis));
    }

    @ParameterizedTest(name = "retry {0} at fraction {1}: {2} ms")
    @CsvSource({"1, 0.0, 0", "1, 0.5, 12", "2, 0.5, 25", "3, 0.99, 99", "9, 0.5, 75"})
    void theDelayIsDrawnUniformlyBelowTheCeiling(int retry, double fraction, long delayMillis) {
        FixedRandom random = new FixedRandom(fraction);

        assertThat(backoff.delay(retry, random)).isEqualTo(Duration.ofMillis(delayMillis));
        assertThat(random.bounds).containsExactly(backoff.ceiling(retry).toMillis());
    }

    @Test
    void invalidSettingsAreRefusedWithTheirKeys() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("backoff.base: 0s (expected: >= 1ms)");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(100), Duration.ofMillis(50)))
                .hasMessage("backoff.cap: 50ms (expected: >= backoff.base 100ms)");
    }
}
