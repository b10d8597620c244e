package dev.infergate.routing.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.balance.EndpointHealth;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class OutlierDetectorTest {

    private final ManualClock clock = new ManualClock();
    private final EndpointHealth health = EndpointHealth.inMemory(clock);
    private final OutlierSettings settings = OutlierSettings.from(Map.of("consecutive-failures", 5, "base-ejection", "10s",
            "max-ejection", "25s", "max-ejected-percent", 50));
    private final OutlierDetector detector = new OutlierDetector(health, clock, pool -> settings);

    @Test
    void fiveFailuresInARowEjectUntilTheEjectionTimePasses() {
        for (int i = 1; i <= 4; i++) {
            assertThat(detector.failed("fleet", "a:1", 3)).isEqualTo(new EjectionOutcome.Counted(i));
        }
        assertThat(detector.failed("fleet", "a:1", 3)).isEqualTo(new EjectionOutcome.Ejected("a:1", Duration.ofSeconds(10), 1));
        assertThat(detector.failed("fleet", "a:1", 3)).isEqualTo(new EjectionOutcome.AlreadyEjected());
        assertThat(health.isEjected("a:1")).isTrue();

        clock.advance(Duration.ofMillis(9_999));
        assertThat(health.isEjected("a:1")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(health.isEjected("a:1")).isFalse();
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            detector.failed("fleet", "a:1", 3);
        }
        detector.succeeded("a:1");

        assertThat(detector.failed("fleet", "a:1", 3)).isEqualTo(new EjectionOutcome.Counted(1));
    }

    @Test
    void repeatedEjectionsGrowUpToTheMaximumAndAreForgivenOneStepPerBaseEjection() {
        assertThat(ejectNow("a:1")).isEqualTo(new EjectionOutcome.Ejected("a:1", Duration.ofSeconds(10), 1));
        clock.advance(Duration.ofSeconds(10));
        assertThat(ejectNow("a:1")).isEqualTo(new EjectionOutcome.Ejected("a:1", Duration.ofSeconds(20), 2));
        clock.advance(Duration.ofSeconds(20));
        assertThat(ejectNow("a:1")).isEqualTo(new EjectionOutcome.Ejected("a:1", Duration.ofSeconds(25), 3));
        clock.advance(Duration.ofSeconds(25));

        clock.advance(Duration.ofSeconds(20));
        assertThat(ejectNow("a:1")).isEqualTo(new EjectionOutcome.Ejected("a:1", Duration.ofSeconds(20), 2));
    }

    @Test
    void withTwoOfThreeFailingAndFiftyPercentOnlyOneIsEjected() {
        assertThat(ejectNow("a:1")).isInstanceOf(EjectionOutcome.Ejected.class);

        assertThat(ejectNow("b:1")).isEqualTo(new EjectionOutcome.CappedByPool(1, 1));
        assertThat(health.ejected()).extracting(e -> e.endpoint()).containsExactly("a:1");

        clock.advance(Duration.ofSeconds(10));
        assertThat(detector.failed("fleet", "b:1", 3)).isEqualTo(new EjectionOutcome.Ejected("b:1", Duration.ofSeconds(10), 1));
    }

    @Test
    void aPoolIsNeverEmptied() {
        OutlierDetector everyone = new OutlierDetector(health, clock, pool -> OutlierSettings.from(Map.of(
                "consecutive-failures", 1, "max-ejected-percent", 100)));

        assertThat(everyone.failed("pair", "a:1", 2)).isInstanceOf(EjectionOutcome.Ejected.class);
        assertThat(everyone.failed("pair", "b:1", 2)).isEqualTo(new EjectionOutcome.CappedByPool(1, 1));
        assertThat(everyone.failed("single", "c:1", 1)).isEqualTo(new EjectionOutcome.CappedByPool(0, 0));
    }

    private EjectionOutcome ejectNow(String endpoint) {
        EjectionOutcome outcome = null;
        for (int i = 0; i < 5; i++) {
            outcome = detector.failed("fleet", endpoint, 3);
        }
        return outcome;
    }
}
