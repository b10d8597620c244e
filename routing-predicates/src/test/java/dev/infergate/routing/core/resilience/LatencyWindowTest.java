package dev.infergate.routing.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class LatencyWindowTest {

    @Test
    void thePercentileIsTheNearestRankOfTheLastSamplesOnceEnoughAreKnown() {
        LatencyWindow window = new LatencyWindow(10, 4);
        for (int millis : new int[] {40, 10, 30}) {
            window.record(Duration.ofMillis(millis));
        }
        assertThat(window.percentile(95)).isEmpty();

        window.record(Duration.ofMillis(20));
        assertThat(window.percentile(50)).contains(Duration.ofMillis(20));
        assertThat(window.percentile(95)).contains(Duration.ofMillis(40));

        for (int i = 0; i < 10; i++) {
            window.record(Duration.ofMillis(5));
        }
        assertThat(window.percentile(99)).contains(Duration.ofMillis(5));
    }

    @Test
    void aFixedDelayIgnoresLatenciesAndAPercentileFallsBackToTheInitialDelay() {
        LatencyWindow empty = new LatencyWindow(10, 4);
        HedgeSettings percentile = HedgeSettings.from("p90", "300ms").orElseThrow();

        assertThat(HedgeSettings.from("150ms", null).orElseThrow().delay(empty)).isEqualTo(Duration.ofMillis(150));
        assertThat(percentile.delay(empty)).isEqualTo(Duration.ofMillis(300));
    }
}
