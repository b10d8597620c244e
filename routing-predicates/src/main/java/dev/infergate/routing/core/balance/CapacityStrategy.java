package dev.infergate.routing.core.balance;

import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * {@code capacity}: takes the candidate with the lowest {@link CapacityScore}; ties are broken at
 * random. See {@link CapacitySettings} for the formula and its defaults.
 */
final class CapacityStrategy implements BalancingStrategy {

    private final CapacitySettings settings;
    private final RandomGenerator random;

    CapacityStrategy(CapacitySettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    @Override
    public String name() {
        return BalancingStrategies.CAPACITY;
    }

    @Override
    public Choice choose(List<Candidate> eligible, PickHints hints) {
        Strategies.requireCandidates(eligible);
        double[] scores = CapacityScore.scores(eligible, settings);
        int best = CapacityScore.lowest(scores, i -> true, random);
        return new Choice(eligible.get(best), "capacity: lowest score", OptionalDouble.of(scores[best]));
    }
}
