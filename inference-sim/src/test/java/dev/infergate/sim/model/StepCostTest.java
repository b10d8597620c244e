package dev.infergate.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StepCostTest {

    @ParameterizedTest(name = "overhead {0} ns, {1} prefill and {2} decoding at speed {3} take {4} ns")
    @CsvSource({
        "5000000, 0, 1, 1.0, 5250000",
        "5000000, 100, 0, 1.0, 10000000",
        "5000000, 100, 4, 0.5, 22000000",
        "5000000, 0, 1, 0.6, 8750000",
        "5, 0, 0, 2.0, 3",
        "1, 0, 0, 3.0, 1",
        "10, 0, 0, 3.0, 3",
    })
    void aStepCostsOverheadPlusItsWorkDividedBySpeedRoundedToTheNearestNanosecond(
            long overhead, int prefillTokens, int decoding, double speed, long expected) {
        ServerSpec spec = TestServers.small().toBuilder().stepOverhead(Duration.ofNanos(overhead)).build();

        assertThat(StepCost.nanos(spec, speed, prefillTokens, decoding)).isEqualTo(expected);
    }
}
