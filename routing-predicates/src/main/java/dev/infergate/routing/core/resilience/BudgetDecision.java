package dev.infergate.routing.core.resilience;

/** What a {@link RetryBudget} answered to one retry. */
public sealed interface BudgetDecision {

    /** The retry is allowed and already counted. */
    record Granted(long retries, long requests) implements BudgetDecision {
    }

    /**
     * The budget is spent: {@code retries} already made in the window, {@code allowed} the most it
     * admits now.
     */
    record Exhausted(long retries, long requests, double allowed) implements BudgetDecision {
    }
}
