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
 * order    = the candidates by rendezvous weight of the key, highest first ({@link Rendezvous})
 * bound    = ceil(load-factor × (Σ inFlight + 1) / n)
 * choose the first candidate in order with inFlight + 1 ≤ bound
 * </pre>
 *
 * so no endpoint ever holds more than {@code bound} requests in flight from this gateway (the least
 * loaded candidate always fits, because load-factor ≥ 1). A key whose first choice is full moves on
 * along its own rendezvous order, as the bounded-loads algorithm moves on along its ring: the
 * overflow of one prefix meets on one second choice, whose prefix cache then holds the prefix too,
 * instead of scattering over the pool and missing every cache on the way. A request without a
 * prefix key is scored like {@code capacity}.
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
        int[] order = Rendezvous.order(Rendezvous.hash(hints.affinityKey().get()), eligible);
        long bound = bound(eligible);
        for (int rank = 0; rank < order.length; rank++) {
            Candidate candidate = eligible.get(order[rank]);
            if (candidate.inFlight() + 1L <= bound) {
                return Choice.of(candidate, rank == 0 ? "prefix-affinity: affinity endpoint"
                        : "prefix-affinity: choice " + (rank + 1) + " of the prefix, the ones before at the bound of " + bound);
            }
        }
        throw new IllegalStateException("no candidate within the bound of " + bound + "; load-factor >= 1 leaves room on the least loaded");
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
