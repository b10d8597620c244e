package dev.infergate.routing.core.resilience;

import java.time.Duration;

/** What to do after a failed attempt. */
public sealed interface RetryDecision {

    /** Retry after {@code delay}; the retry is already counted by the budget. */
    record Retry(Duration delay) implements RetryDecision {
    }

    /** Return the failure as it is. */
    record GiveUp(Reason reason) implements RetryDecision {
    }

    /** Why a failure is returned; each is a meter outcome. */
    enum Reason {
        NOT_RETRYABLE("not-retryable"),
        ATTEMPTS_EXHAUSTED("attempts-exhausted"),
        RETRY_AFTER_TOO_LONG("retry-after-too-long"),
        BUDGET_EXHAUSTED("budget-exhausted");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }
}
