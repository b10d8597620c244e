package dev.infergate.routing.core.balance;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code least-request}: draws {@code k = min(choices, n)} distinct candidates at random (a partial
 * Fisher-Yates shuffle: draw {@code j} takes index {@code j + random.nextInt(n − j)}) and takes the
 * one with the fewest requests in flight from this gateway; on a tie, the one drawn first. Backend
 * signals are not read, as in Envoy's least-request balancer: this strategy needs no scrape.
 */
final class LeastRequestStrategy implements BalancingStrategy {

    private final LeastRequestSettings settings;
    private final RandomGenerator random;

    LeastRequestStrategy(LeastRequestSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    @Override
    public String name() {
        return BalancingStrategies.LEAST_REQUEST;
    }

    @Override
    public Choice choose(List<Candidate> eligible, PickHints hints) {
        Strategies.requireCandidates(eligible);
        int n = eligible.size();
        if (n == 1) {
            return Choice.of(eligible.get(0), "least-request: only candidate");
        }
        int draws = Math.min(settings.choices(), n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Candidate best = eligible.get(draw(order, 0));
        for (int draw = 1; draw < draws; draw++) {
            Candidate candidate = eligible.get(draw(order, draw));
            if (candidate.inFlight() < best.inFlight()) {
                best = candidate;
            }
        }
        return Choice.of(best, "least-request: fewest in flight of " + draws + " drawn");
    }

    /** Draw number {@code draw}: swaps a random index of {@code order[draw..]} into place and returns it. */
    private int draw(int[] order, int draw) {
        int swap = draw + random.nextInt(order.length - draw);
        int drawn = order[swap];
        order[swap] = order[draw];
        order[draw] = drawn;
        return drawn;
    }
}
