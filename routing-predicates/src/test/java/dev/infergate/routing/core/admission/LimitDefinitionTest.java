package dev.infergate.routing.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LimitDefinitionTest {

    private static final Bandwidth BURST = new Bandwidth(40, 20, Duration.ofSeconds(1), Refill.GREEDY);
    private static final Bandwidth DAILY = Bandwidth.of(10_000, Duration.ofDays(1));

    @Test
    void fullRefillIsTheSlowestBandwidthsWholePeriods() {
        assertThat(BURST.fullRefill()).isEqualTo(Duration.ofSeconds(2));
        assertThat(new Bandwidth(5, 2, Duration.ofMinutes(1), Refill.GREEDY).fullRefill()).isEqualTo(Duration.ofMinutes(3));
        LimitDefinition limit = new LimitDefinition("plan", LimitUnit.REQUESTS, LimitScope.TENANT, List.of(BURST, DAILY),
                FailurePolicy.FAIL_OPEN, null);
        assertThat(limit.fullRefill()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aReplicasShareIsRoundedUp() {
        LimitDefinition limit = new LimitDefinition("plan", LimitUnit.REQUESTS, LimitScope.TENANT, List.of(BURST, DAILY),
                FailurePolicy.FAIL_OPEN, null);
        LimitDefinition share = limit.share(3);
        assertThat(share.bandwidths()).containsExactly(new Bandwidth(14, 7, Duration.ofSeconds(1), Refill.GREEDY),
                new Bandwidth(3334, 3334, Duration.ofDays(1), Refill.GREEDY));
    }

    @Test
    void secondsUntilFullFollowTheRefillKind() {
        assertThat(Bandwidth.of(5, Duration.ofHours(1)).secondsUntilFull(3)).isEqualTo(1440);
        assertThat(new Bandwidth(5, 5, Duration.ofHours(1), Refill.INTERVALLY).secondsUntilFull(3)).isEqualTo(3600);
        assertThat(BURST.secondsUntilFull(40)).isZero();
        assertThat(BURST.secondsUntilFull(39)).isEqualTo(1);
    }

    @Test
    void policyNamesCarryThePeriodOnlyWhenALimitHasSeveralBandwidths() {
        assertThat(new LimitDefinition("one", LimitUnit.REQUESTS, LimitScope.ROUTE, List.of(DAILY), FailurePolicy.FAIL_CLOSED, null)
                .policyName(0)).isEqualTo("one");
        LimitDefinition two = new LimitDefinition("plan", LimitUnit.REQUESTS, LimitScope.TENANT, List.of(BURST, DAILY),
                FailurePolicy.FAIL_OPEN, null);
        assertThat(two.policyName(0)).isEqualTo("plan/1s");
        assertThat(two.policyName(1)).isEqualTo("plan/1d");
    }

    @Test
    void invalidDefinitionsAreRefusedWithExactMessages() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Bandwidth(0, 1, Duration.ofSeconds(1), Refill.GREEDY))
                .withMessage("capacity: 0 (expected: >= 1)");
        assertThatIllegalArgumentException().isThrownBy(() -> new Bandwidth(5, 6, Duration.ofSeconds(1), Refill.GREEDY))
                .withMessage("refill tokens: 6 (expected: <= capacity 5)");
        assertThatIllegalArgumentException().isThrownBy(() -> new LimitDefinition("Plan", LimitUnit.REQUESTS,
                        LimitScope.TENANT, List.of(DAILY), FailurePolicy.FAIL_OPEN, null))
                .withMessage("name: \"Plan\" (expected: 1 to 63 of a-z, 0-9 and -, starting with a letter or digit)");
        assertThatIllegalArgumentException().isThrownBy(() -> new LimitDefinition("plan", LimitUnit.REQUESTS,
                        LimitScope.TENANT, List.of(DAILY, Bandwidth.of(5, Duration.ofDays(1))), FailurePolicy.FAIL_OPEN, null))
                .withMessage("bandwidths: two with period PT24H (expected: one per period)");
        assertThatIllegalArgumentException().isThrownBy(() -> new LimitDefinition("plan", LimitUnit.REQUESTS,
                        LimitScope.TENANT, List.of(DAILY), FailurePolicy.FAIL_OPEN, "llama"))
                .withMessage("model: \"llama\" (expected: only on token limits)");
    }

    @Test
    void durationsReadAndWriteTheConfigurationForm() {
        assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
        assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse("1 h")).isEmpty();
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
