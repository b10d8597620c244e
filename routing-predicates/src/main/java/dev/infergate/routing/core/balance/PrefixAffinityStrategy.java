package dev.infergate.routing.core.balance;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * {@code prefix-affinity}: consistent hashing with bounded loads (Mirrokni, Thorup and
 * Zadimoghaddam) over rendezvous hashing of the prompt prefix.
 *
 * <pre>
 * affinity = the rendezvous winner of the key among the eligible candidates ({@link Rendezvous})
 * bound    = ceil(load-factor × (Σ inFlight + 1) / n)
 * choose affinity                        if inFlight(affinity) + 1 ≤ bound
 * otherwise the lowest capacity score    among the candidates with inFlight + 1 ≤ bound
 * </pre>
 *
 * so no endpoint ever holds more than {@code bound} requests in flight from this gateway (the least
 * loaded candidate always fits, because load-factor ≥ 1). A request without a prefix key is scored
 * like {@code capacity}.
 */
final class PrefixAffinityStrategy implements BalancingStrategy {

    private final PrefixAffinitySettings settings;
    private final RandomGenerator random;

    PrefixAffinityStrategy(PrefixAffinitySettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    @Override
    public String name() {
        return BalancingStrategies.PREFIX_AFFINITY;
    }

    @Override
    public OptionalInt promptPrefixLength() {
        return OptionalInt.of(settings.prefixLength());
    }

    @Override
    public Choice choose(List<Candidate> eligible, PickHints hints) {
        Strategies.requireCandidates(eligible);
        if (hints.affinityKey().isEmpty()) {
            return lowestScore(eligible, Long.MAX_VALUE, "prefix-affinity: no prefix key, lowest score");
        }
        int affinity = Rendezvous.winner(Rendezvous.hash(hints.affinityKey().get()), eligible);
        long bound = bound(eligible);
        if (eligible.get(affinity).inFlight() + 1L <= bound) {
            return Choice.of(eligible.get(affinity), "prefix-affinity: affinity endpoint");
        }
        return lowestScore(eligible, bound, "prefix-affinity: affinity endpoint at its bound of " + bound + ", lowest score within it");
    }

    private long bound(List<Candidate> eligible) {
        long total = 0;
        for (Candidate candidate : eligible) {
            total += candidate.inFlight();
        }
        return (long) Math.ceil(settings.loadFactor() * (total + 1) / eligible.size());
    }

    private Choice lowestScore(List<Candidate> eligible, long bound, String basis) {
        double[] scores = CapacityScore.scores(eligible, settings.scoring());
        int best = CapacityScore.lowest(scores, i -> eligible.get(i).inFlight() + 1L <= bound, random);
        return new Choice(eligible.get(best), basis, OptionalDouble.of(scores[best]));
    }
}
