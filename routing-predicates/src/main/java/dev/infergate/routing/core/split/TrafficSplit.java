package dev.infergate.routing.core.split;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Weighted destinations and the three ways of choosing one of them.
 *
 * <p><b>By key (weighted rendezvous hashing).</b> For a key {@code k} every destination {@code i}
 * of weight {@code w_i > 0} gets the score {@code s_i = w_i / -ln(u_i)}, where
 * {@code u_i = StableHash.unitInterval(StableHash.of(k, name_i))} is uniform in (0, 1); the
 * destination with the highest score wins (ties, which need two equal 64-bit hashes, go to the
 * earlier destination). Since {@code -ln(u_i)} is exponentially distributed,
 * {@code 1 / s_i = -ln(u_i) / w_i} is exponential with rate {@code w_i}, and the smallest of
 * independent exponentials is the one of rate {@code w_i} with probability {@code w_i / Σw}: each
 * destination receives its weight's share of keys. The scores of the other destinations do not
 * depend on {@code w_j}, so raising {@code w_j} (with the others fixed, or all scaled by one factor,
 * which leaves the order of their scores unchanged) can only make {@code j} win keys it did not
 * win before: keys move into {@code j}, never out of it and never between the others.
 *
 * <p><b>Without a key (weighted random draw).</b> {@code r = random.nextDouble() * Σw}; the first
 * destination whose cumulative weight exceeds {@code r} wins. Destinations of weight 0 never win.
 *
 * <p><b>Forced.</b> A destination named by the request, of any weight, including 0.
 *
 * <p>Immutable and thread-safe; the random source is the caller's.
 */
public final class TrafficSplit {

    private final List<WeightedDestination> destinations;
    private final byte[][] names;
    private final long totalWeight;

    private TrafficSplit(List<WeightedDestination> destinations, long totalWeight) {
        this.destinations = destinations;
        this.totalWeight = totalWeight;
        this.names = new byte[destinations.size()][];
        for (int i = 0; i < destinations.size(); i++) {
            names[i] = destinations.get(i).name().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A split over these destinations, in this order.
     *
     * @throws IllegalArgumentException when there is no destination, two share a name, or all weights are 0
     */
    public static TrafficSplit of(List<WeightedDestination> destinations) {
        List<WeightedDestination> copy = List.copyOf(destinations);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("destinations: [] (expected: at least one destination)");
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (int i = 0; i < copy.size(); i++) {
            WeightedDestination destination = copy.get(i);
            if (!seen.add(destination.name())) {
                throw new IllegalArgumentException("destinations[" + i + "].name: \"" + destination.name()
                        + "\" (expected: unique names)");
            }
            total += destination.weight();
        }
        if (total <= 0) {
            throw new IllegalArgumentException("destinations: total weight 0 (expected: > 0)");
        }
        return new TrafficSplit(copy, total);
    }

    public List<WeightedDestination> destinations() {
        return destinations;
    }

    public long totalWeight() {
        return totalWeight;
    }

    /** The destination this key is assigned to while the weights stay as they are. */
    public SplitDecision assign(String key) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int best = -1;
        // Compares -ln(u) / w, the reciprocal of the score: the smallest wins. Same order, no division by -ln(u).
        double bestInverse = Double.POSITIVE_INFINITY;
        for (int i = 0; i < names.length; i++) {
            int weight = destinations.get(i).weight();
            if (weight == 0) {
                continue;
            }
            double inverse = -Math.log(StableHash.unitInterval(StableHash.of(keyBytes, names[i]))) / weight;
            if (best < 0 || inverse < bestInverse) {
                best = i;
                bestInverse = inverse;
            }
        }
        return decision(best, SplitDecision.Method.HASHED);
    }

    /** A destination drawn at random in proportion to the weights, for a request without a key. */
    public SplitDecision draw(RandomGenerator random) {
        double point = random.nextDouble() * totalWeight;
        long cumulative = 0;
        int lastPositive = -1;
        for (int i = 0; i < destinations.size(); i++) {
            int weight = destinations.get(i).weight();
            if (weight == 0) {
                continue;
            }
            cumulative += weight;
            lastPositive = i;
            if (point < cumulative) {
                return decision(i, SplitDecision.Method.RANDOM);
            }
        }
        // Only reachable if rounding put the point on the total itself.
        return decision(lastPositive, SplitDecision.Method.RANDOM);
    }

    /** The destination of this name, whatever its weight; empty when no destination has that name. */
    public Optional<SplitDecision> force(String name) {
        for (int i = 0; i < destinations.size(); i++) {
            if (destinations.get(i).name().equals(name)) {
                return Optional.of(decision(i, SplitDecision.Method.FORCED));
            }
        }
        return Optional.empty();
    }

    private SplitDecision decision(int index, SplitDecision.Method method) {
        return new SplitDecision(destinations.get(index).name(), index, method);
    }
}
