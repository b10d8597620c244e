package dev.infergate.routing.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class InMemoryBucketsTest {

    private final ManualTime time = new ManualTime();
    private final InMemoryBuckets buckets = new InMemoryBuckets(time, 10);

    private static LimitDefinition requests(String name, Bandwidth... bandwidths) {
        return new LimitDefinition(name, LimitUnit.REQUESTS, LimitScope.TENANT, List.of(bandwidths), FailurePolicy.FAIL_OPEN, null);
    }

    @Test
    void fivePerHourAdmitsFiveThenRefusesUntilOneTokenIsRefilled() {
        LimitDefinition limit = requests("five", Bandwidth.of(5, Duration.ofHours(1)));
        for (long left = 4; left >= 0; left--) {
            LimitState state = buckets.tryConsume("acme", limit, 1).orElseThrow();
            assertThat(state.allowed()).isTrue();
            assertThat(state.available()).containsExactly(left);
        }
        LimitState refused = buckets.tryConsume("acme", limit, 1).orElseThrow();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.available()).containsExactly(0L);
        assertThat(refused.retryAfterSeconds()).isEqualTo(720);

        time.advance(Duration.ofSeconds(720));
        assertThat(buckets.tryConsume("acme", limit, 1).orElseThrow().allowed()).isTrue();
    }

    @Test
    void everyBandwidthMustAllowTheRequestAndEachReportsItsOwnRemainder() {
        LimitDefinition limit = requests("plan", new Bandwidth(40, 20, Duration.ofSeconds(1), Refill.GREEDY),
                Bandwidth.of(10_000, Duration.ofDays(1)));
        LimitState burst = buckets.tryConsume("acme", limit, 40).orElseThrow();
        assertThat(burst.available()).containsExactly(0L, 9_960L);
        assertThat(buckets.tryConsume("acme", limit, 1).orElseThrow().allowed()).isFalse();

        time.advance(Duration.ofSeconds(1));
        LimitState next = buckets.tryConsume("acme", limit, 20).orElseThrow();
        assertThat(next.allowed()).isTrue();
        assertThat(next.available()).containsExactly(0L, 9_940L);
    }

    @Test
    void tenantsHaveSeparateBuckets() {
        LimitDefinition limit = requests("one", Bandwidth.of(1, Duration.ofHours(1)));
        assertThat(buckets.tryConsume("acme", limit, 1).orElseThrow().allowed()).isTrue();
        assertThat(buckets.tryConsume("acme", limit, 1).orElseThrow().allowed()).isFalse();
        assertThat(buckets.tryConsume("globex", limit, 1).orElseThrow().allowed()).isTrue();
    }

    @Test
    void twoLimitsOfOneTenantHaveSeparateBuckets() {
        LimitDefinition one = requests("one", Bandwidth.of(1, Duration.ofHours(1)));
        LimitDefinition ten = requests("ten", Bandwidth.of(10, Duration.ofHours(1)));
        assertThat(buckets.tryConsume("t:acme", one, 1).orElseThrow().available()).containsExactly(0L);
        assertThat(buckets.tryConsume("t:acme", ten, 1).orElseThrow().available()).containsExactly(9L);
    }

    @Test
    void aRequestLargerThanTheCapacityIsToldToWaitTheFullRefillTime() {
        LimitState refused = buckets.tryConsume("t:acme", requests("five", Bandwidth.of(5, Duration.ofHours(1))), 6).orElseThrow();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(3600);
    }

    @Test
    void aFullTableForgetsABucketOnlyAfterItsFullRefillTime() {
        InMemoryBuckets small = new InMemoryBuckets(time, 1);
        LimitDefinition limit = requests("five", Bandwidth.of(5, Duration.ofHours(1)));
        small.tryConsume("acme", limit, 5).orElseThrow();

        time.advance(Duration.ofMinutes(59));
        assertThat(small.tryConsume("globex", limit, 1)).isEmpty();
        assertThat(small.tryConsume("acme", limit, 1).orElseThrow().allowed()).isTrue();

        time.advance(Duration.ofHours(1));
        assertThat(small.tryConsume("globex", limit, 1)).isPresent();
        assertThat(small.size()).isEqualTo(1);
    }

    @Test
    void reconciliationRefundsAnOverestimateAndChargesAnUnderestimate() {
        LimitDefinition tokens = new LimitDefinition("tokens", LimitUnit.TOKENS, LimitScope.TENANT,
                List.of(new Bandwidth(1000, 1000, Duration.ofHours(1), Refill.INTERVALLY)), FailurePolicy.FAIL_OPEN, null);
        Reconciliation overestimate = new Reconciliation(300, 120);
        assertThat(buckets.tryConsume("acme", tokens, overestimate.charged()).orElseThrow().available()).containsExactly(700L);
        assertThat(buckets.adjust("acme", tokens, overestimate.difference()).orElseThrow().available()).containsExactly(880L);

        Reconciliation underestimate = new Reconciliation(100, 250);
        buckets.tryConsume("acme", tokens, underestimate.charged()).orElseThrow();
        assertThat(buckets.adjust("acme", tokens, underestimate.difference()).orElseThrow().available()).containsExactly(630L);
        assertThat(underestimate.extraCharge()).isEqualTo(150);
        assertThat(overestimate.refund()).isEqualTo(180);
    }

    @Test
    void aChargeBeyondTheRemainderLeavesADebtThatRefillPaysFirst() {
        LimitDefinition tokens = new LimitDefinition("tokens", LimitUnit.TOKENS, LimitScope.TENANT,
                List.of(Bandwidth.of(100, Duration.ofSeconds(100))), FailurePolicy.FAIL_OPEN, null);
        buckets.tryConsume("acme", tokens, 90).orElseThrow();
        assertThat(buckets.adjust("acme", tokens, 30).orElseThrow().available()).containsExactly(0L);

        time.advance(Duration.ofSeconds(20));
        assertThat(buckets.tryConsume("acme", tokens, 1).orElseThrow().allowed()).isFalse();
        time.advance(Duration.ofSeconds(1));
        assertThat(buckets.tryConsume("acme", tokens, 1).orElseThrow().available()).containsExactly(0L);
    }

    @Test
    void aChangedDefinitionKeepsTheTokensAlreadyTaken() {
        buckets.tryConsume("acme", requests("limit", Bandwidth.of(10, Duration.ofHours(1))), 4).orElseThrow();
        LimitState after = buckets.tryConsume("acme", requests("limit", Bandwidth.of(20, Duration.ofHours(1))), 1).orElseThrow();
        assertThat(after.available()).containsExactly(5L);
    }
}
