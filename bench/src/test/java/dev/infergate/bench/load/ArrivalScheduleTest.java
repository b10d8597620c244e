package dev.infergate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

final class ArrivalScheduleTest {

    @Test
    void constantArrivalsDoNotDriftOverALongRun() {
        LongSupplier offsets = ArrivalSchedule.constant(3).offsets();

        assertThat(offsets.getAsLong()).isZero();
        assertThat(offsets.getAsLong()).isEqualTo(333_333_333);
        assertThat(offsets.getAsLong()).isEqualTo(666_666_667);
        assertThat(offsets.getAsLong()).isEqualTo(1_000_000_000);
    }

    @Test
    void poissonArrivalsHaveTheRequestedMeanRate() {
        LongSupplier offsets = ArrivalSchedule.poisson(1000, 42).offsets();
        long last = 0;
        for (int i = 0; i < 100_000; i++) {
            last = offsets.getAsLong();
        }
        double seconds = last / 1e9;

        assertThat(100_000 / seconds).isBetween(990.0, 1010.0);
    }

    @Test
    void aSeededScheduleRepeatsItselfAndEachCallStartsAgain() {
        ArrivalSchedule schedule = ArrivalSchedule.poisson(50, 7);
        LongSupplier first = schedule.offsets();
        LongSupplier second = schedule.offsets();
        for (int i = 0; i < 1000; i++) {
            assertThat(first.getAsLong()).isEqualTo(second.getAsLong());
        }
    }

    @Test
    void theRateMustBePositive() {
        assertThatThrownBy(() -> ArrivalSchedule.constant(0)).hasMessage("perSecond: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> ArrivalSchedule.poisson(Double.NaN, 1)).hasMessage("perSecond: NaN (expected: > 0)");
    }
}
