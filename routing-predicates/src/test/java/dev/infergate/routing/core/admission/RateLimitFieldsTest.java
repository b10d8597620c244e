package dev.infergate.routing.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RateLimitFieldsTest {

    private static final LimitDefinition PLAN = new LimitDefinition("plan", LimitUnit.REQUESTS, LimitScope.TENANT,
            List.of(new Bandwidth(40, 20, Duration.ofSeconds(1), Refill.GREEDY), Bandwidth.of(10_000, Duration.ofDays(1))),
            FailurePolicy.FAIL_OPEN, null);
    private static final LimitDefinition TOKENS = new LimitDefinition("tokens", LimitUnit.TOKENS, LimitScope.TENANT,
            List.of(Bandwidth.of(100_000, Duration.ofHours(1))), FailurePolicy.FAIL_CLOSED, null);

    @Test
    void policyListsEveryBandwidthWithQuotaWindowAndUnitForTokens() {
        assertThat(RateLimitFields.policy(List.of(PLAN, TOKENS))).isEqualTo(
                "\"plan/1s\";q=40;w=2, \"plan/1d\";q=10000;w=86400, \"tokens\";q=100000;w=3600;qu=\"tokens\"");
    }

    @Test
    void limitListsWhatIsLeftAndTheSecondsUntilFull() {
        LimitState plan = new LimitState(PLAN, true, List.of(39L, 9_999L), 0, false);
        LimitState tokens = new LimitState(TOKENS, true, List.of(99_880L), 0, false);
        assertThat(RateLimitFields.limit(List.of(plan, tokens)))
                .isEqualTo("\"plan/1s\";r=39;t=1, \"plan/1d\";r=9999;t=9, \"tokens\";r=99880;t=5");
    }

    @Test
    void stringsAreEscaped() {
        assertThat(RateLimitFields.string("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}
