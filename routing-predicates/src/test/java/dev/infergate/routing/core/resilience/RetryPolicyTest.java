package dev.infergate.routing.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.from(Map.of("max-attempts", 3, "retry-after-cap", "2s",
            "backoff", Map.of("base", "100ms", "cap", "1s")));
    private final AtomicInteger budgetAsked = new AtomicInteger();
    private final Supplier<BudgetDecision> granted = () -> {
        budgetAsked.incrementAndGet();
        return new BudgetDecision.Granted(1, 1);
    };

    @Test
    void aRetryableFailureIsRetriedAfterTheJitteredBackoff() {
        assertThat(policy.decide(1, Failure.of(RetryCondition.CONNECT_FAILURE), granted, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.Retry(Duration.ofMillis(50)));
        assertThat(policy.decide(2, Failure.of(RetryCondition.STATUS_503), granted, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.Retry(Duration.ofMillis(100)));
    }

    @Test
    void retryAfterWithinTheCapIsHonouredAndBeyondItTheAnswerIsReturned() {
        Failure soon = new Failure(RetryCondition.THROTTLED_WITH_RETRY_AFTER, Optional.of(Duration.ofSeconds(1)));
        Failure late = new Failure(RetryCondition.THROTTLED_WITH_RETRY_AFTER, Optional.of(Duration.ofSeconds(60)));

        assertThat(policy.decide(1, soon, granted, new FixedRandom(0.5))).isEqualTo(new RetryDecision.Retry(Duration.ofSeconds(1)));
        assertThat(policy.decide(1, late, granted, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.RETRY_AFTER_TOO_LONG));
        assertThat(budgetAsked).hasValue(1);
    }

    @Test
    void theBudgetIsAskedOnlyForARetryThePolicyWouldMake() {
        Supplier<BudgetDecision> exhausted = () -> {
            budgetAsked.incrementAndGet();
            return new BudgetDecision.Exhausted(2, 10, 2);
        };
        RetryPolicy only503 = new RetryPolicy(3, EnumSet.of(RetryCondition.STATUS_503), Backoff.defaults(), Duration.ZERO,
                RetryBudgetSettings.defaults(), Optional.empty());

        assertThat(only503.decide(1, Failure.of(RetryCondition.STATUS_502), exhausted, new FixedRandom(0)))
                .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.NOT_RETRYABLE));
        assertThat(only503.decide(3, Failure.of(RetryCondition.STATUS_503), exhausted, new FixedRandom(0)))
                .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.ATTEMPTS_EXHAUSTED));
        assertThat(budgetAsked).hasValue(0);
        assertThat(only503.decide(1, Failure.of(RetryCondition.STATUS_503), exhausted, new FixedRandom(0)))
                .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.BUDGET_EXHAUSTED));
    }

    @Test
    void settingsAreReadWithDefaultsAndRefusedWithExactMessages() {
        RetryPolicy read = RetryPolicy.from(Map.of("retry-on", List.of("connect-failure", "503"),
                "budget", Map.of("ratio", 0.1, "min-per-second", 1, "window", "5s")));

        assertThat(read).isEqualTo(new RetryPolicy(3, EnumSet.of(RetryCondition.CONNECT_FAILURE, RetryCondition.STATUS_503),
                new Backoff(Duration.ofMillis(25), Duration.ofSeconds(1)), Duration.ofSeconds(2),
                new RetryBudgetSettings(0.1, 1, Duration.ofSeconds(5)), Optional.empty()));
        assertThat(RetryPolicy.from(Map.of())).isEqualTo(RetryPolicy.defaults());
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("max-attempts", 0)))
                .hasMessage("max-attempts: 0 (expected: 1..10)");
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("retry-on", List.of("500"))))
                .hasMessage("retry-on: unknown [500] (expected any of: connect-failure, reset-before-response, 502, 503, 504, 429)");
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("backoff", Map.of("base", "fast"))))
                .hasMessage("backoff.base: \"fast\" (expected: a duration such as 250ms or 2s)");
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("budget", Map.of("ratio", 2))))
                .hasMessage("budget.ratio: 2.0 (expected: 0..1)");
        assertThat(RetryPolicy.from(Map.of("hedge", Map.of("delay", "150ms"))).hedge())
                .contains(new HedgeSettings(Optional.of(Duration.ofMillis(150)), java.util.OptionalInt.empty(), Duration.ofMillis(200)));
        assertThat(RetryPolicy.from(Map.of("hedge", Map.of("delay", "p95", "initial-delay", "1s"))).hedge())
                .contains(new HedgeSettings(Optional.empty(), java.util.OptionalInt.of(95), Duration.ofSeconds(1)));
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("hedge", Map.of("delay", "p100"))))
                .hasMessage("hedge.delay: p100 (expected: p50..p99)");
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("hedge", Map.of("delay", "0ms"))))
                .hasMessage("hedge.delay: 0s (expected: >= 1ms)");
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("hedge", Map.of("initial-delay", "1s"))))
                .hasMessage("hedge.initial-delay: set without hedge.delay");
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("retries", 2)))
                .hasMessageStartingWith("retries: unknown setting (expected one of: max-attempts, retry-on,");
    }
}
