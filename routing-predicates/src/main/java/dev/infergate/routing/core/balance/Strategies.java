package dev.infergate.routing.core.balance;

import java.util.List;

/** Checks shared by the strategies. */
final class Strategies {

    private Strategies() {
    }

    static void requireCandidates(List<Candidate> eligible) {
        if (eligible.isEmpty()) {
            throw new IllegalArgumentException("eligible: [] (expected: at least one candidate)");
        }
    }
}
