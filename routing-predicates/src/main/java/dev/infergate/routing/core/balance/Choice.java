package dev.infergate.routing.core.balance;

import java.util.OptionalDouble;

/**
 * The endpoint a strategy chose, and why.
 *
 * @param endpoint the chosen candidate
 * @param basis a short explanation, for logs and debugging (e.g. {@code "capacity: lowest score"})
 * @param score the chosen endpoint's score when the strategy scores (lower is better)
 */
public record Choice(Candidate endpoint, String basis, OptionalDouble score) {

    public static Choice of(Candidate endpoint, String basis) {
        return new Choice(endpoint, basis, OptionalDouble.empty());
    }

    /** The same choice, explained with {@code prefix} first (used by strategies that wrap another). */
    Choice explainedBy(String prefix) {
        return new Choice(endpoint, prefix + basis, score);
    }
}
