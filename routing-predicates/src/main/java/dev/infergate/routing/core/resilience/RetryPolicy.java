package dev.infergate.routing.core.resilience;

import dev.infergate.routing.core.balance.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A named retry policy: which failures are retried, how often, how long to wait, and the budget.
 *
 * <p>After attempt {@code n} fails with {@code failure}, {@link #decide} answers, in this order:
 * <ol>
 * <li>{@code NOT_RETRYABLE} if the failure's condition is not in {@code retry-on};</li>
 * <li>{@code ATTEMPTS_EXHAUSTED} if {@code n ≥ max-attempts};</li>
 * <li>{@code RETRY_AFTER_TOO_LONG} if the upstream's {@code Retry-After} exceeds
 *     {@code retry-after-cap}: waiting that long would hold the client for nothing, so the
 *     upstream's answer is returned at once;</li>
 * <li>{@code BUDGET_EXHAUSTED} if the budget refuses (asked last, so that a retry the policy
 *     would not make never spends budget);</li>
 * <li>otherwise retry after {@code max(backoff delay before retry n, Retry-After)}.</li>
 * </ol>
 *
 * @param maxAttempts {@code max-attempts}: attempts in all, the first included. Default 3
 * @param retryOn {@code retry-on}: the conditions retried. Default all of them
 * @param backoff {@code backoff.base}, {@code backoff.cap}
 * @param retryAfterCap {@code retry-after-cap}: the longest {@code Retry-After} honoured. Default 2 s,
 *                      a wait a client of an interactive completion still accepts
 * @param budget {@code budget.*}
 * @param hedge {@code hedge.*}: hedging, off unless {@code hedge.delay} is set
 */
public record RetryPolicy(int maxAttempts, Set<RetryCondition> retryOn, Backoff backoff, Duration retryAfterCap,
        RetryBudgetSettings budget, Optional<HedgeSettings> hedge) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_AFTER_CAP = Duration.ofSeconds(2);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("max-attempts: " + maxAttempts + " (expected: 1..10)");
        }
        if (retryAfterCap.isNegative()) {
            throw new IllegalArgumentException("retry-after-cap: " + retryAfterCap + " (expected: >= 0)");
        }
        retryOn = Set.copyOf(retryOn);
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, EnumSet.allOf(RetryCondition.class), Backoff.defaults(),
                DEFAULT_RETRY_AFTER_CAP, RetryBudgetSettings.defaults(), Optional.empty());
    }

    /** Reads a policy from its settings (parsed YAML or JSON); every key is optional. */
    public static RetryPolicy from(Map<String, ?> settings) {
        SettingsReader reader = SettingsReader.of(settings);
        int maxAttempts = reader.integer("max-attempts", DEFAULT_MAX_ATTEMPTS);
        List<String> names = reader.texts("retry-on", Arrays.stream(RetryCondition.values()).map(RetryCondition::configName).toList());
        Backoff backoff = new Backoff(duration(reader, "backoff.base", Backoff.DEFAULT_BASE),
                duration(reader, "backoff.cap", Backoff.DEFAULT_CAP));
        Duration retryAfterCap = duration(reader, "retry-after-cap", DEFAULT_RETRY_AFTER_CAP);
        RetryBudgetSettings budget = new RetryBudgetSettings(reader.number("budget.ratio", RetryBudgetSettings.DEFAULT_RATIO),
                reader.number("budget.min-per-second", RetryBudgetSettings.DEFAULT_MIN_PER_SECOND),
                duration(reader, "budget.window", RetryBudgetSettings.DEFAULT_WINDOW));
        Optional<HedgeSettings> hedge = HedgeSettings.from(reader.value("hedge.delay"), reader.value("hedge.initial-delay"));
        reader.rejectUnknown();
        return new RetryPolicy(maxAttempts, conditions(names), backoff, retryAfterCap, budget, hedge);
    }

    public RetryDecision decide(int attemptsMade, Failure failure, Supplier<BudgetDecision> budget, RandomGenerator random) {
        if (!retryOn.contains(failure.condition())) {
            return new RetryDecision.GiveUp(RetryDecision.Reason.NOT_RETRYABLE);
        }
        if (attemptsMade >= maxAttempts) {
            return new RetryDecision.GiveUp(RetryDecision.Reason.ATTEMPTS_EXHAUSTED);
        }
        if (failure.retryAfter().filter(wait -> wait.compareTo(retryAfterCap) > 0).isPresent()) {
            return new RetryDecision.GiveUp(RetryDecision.Reason.RETRY_AFTER_TOO_LONG);
        }
        if (budget.get() instanceof BudgetDecision.Exhausted) {
            return new RetryDecision.GiveUp(RetryDecision.Reason.BUDGET_EXHAUSTED);
        }
        Duration delay = backoff.delay(attemptsMade, random);
        Duration retryAfter = failure.retryAfter().orElse(Duration.ZERO);
        return new RetryDecision.Retry(retryAfter.compareTo(delay) > 0 ? retryAfter : delay);
    }

    private static Set<RetryCondition> conditions(List<String> names) {
        Set<RetryCondition> conditions = EnumSet.noneOf(RetryCondition.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            RetryCondition.named(name).ifPresentOrElse(conditions::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("retry-on: unknown " + unknown + " (expected any of: "
                    + String.join(", ", Arrays.stream(RetryCondition.values()).map(RetryCondition::configName).toList()) + ")");
        }
        return conditions;
    }

    private static Duration duration(SettingsReader reader, String key, Duration fallback) {
        @Nullable Object value = reader.value(key);
        return value == null ? fallback : Durations.parse(key, value);
    }
}
