package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class EwmaTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theFirstSampleIsTheAverage() {
        Ewma average = new Ewma(Duration.ofSeconds(10));

        assertThat(average.value()).isEmpty();
        average.add(120, 5 * SECOND);
        assertThat(average.value()).hasValue(120);
    }

    @Test
    void aSampleOneHalfLifeOldWeighsHalfAsMuchAsANewOne() {
        Ewma average = new Ewma(Duration.ofSeconds(10));

        average.add(100, 0);
        average.add(400, 10 * SECOND);

        // (100 × 0.5 + 400 × 1) / (0.5 + 1)
        assertThat(average.value().getAsDouble()).isCloseTo(300, within(1e-9));
    }

    @Test
    void samplesAtTheSameInstantWeighTheSame() {
        Ewma average = new Ewma(Duration.ofSeconds(10));

        average.add(100, 3 * SECOND);
        average.add(200, 3 * SECOND);
        average.add(600, 3 * SECOND);

        assertThat(average.value()).hasValue(300);
    }

    @Test
    void anOldAverageIsAlmostForgottenAfterManyHalfLives() {
        Ewma average = new Ewma(Duration.ofSeconds(1));

        average.add(1_000, 0);
        average.add(10, 20 * SECOND);

        assertThat(average.value().getAsDouble()).isCloseTo(10, within(0.001));
    }

    @Test
    void aHalfLifeMustBePositive() {
        assertThatThrownBy(() -> new Ewma(Duration.ZERO)).hasMessage("half-life: PT0S (expected: > 0)");
    }
}
