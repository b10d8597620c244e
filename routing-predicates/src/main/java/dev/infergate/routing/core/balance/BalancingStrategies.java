package dev.infergate.routing.core.balance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The strategies by the names a pool's {@code strategy} uses, built from the pool's
 * {@code settings}. Unknown names, unknown settings and invalid values are rejected with an
 * {@link IllegalArgumentException} whose message names the setting, the value and what was
 * expected, e.g. {@code weights.queue: -1.0 (expected: >= 0)}.
 */
public final class BalancingStrategies {

    public static final String ROUND_ROBIN = "round-robin";
    public static final String LEAST_REQUEST = "least-request";
    public static final String CAPACITY = "capacity";
    public static final String PREFIX_AFFINITY = "prefix-affinity";
    public static final String LOCALITY_FAILOVER = "locality-failover";

    /** Every strategy name; {@code locality-failover}, which wraps the others, last. */
    public static final List<String> NAMES = List.of(ROUND_ROBIN, LEAST_REQUEST, CAPACITY, PREFIX_AFFINITY, LOCALITY_FAILOVER);

    private BalancingStrategies() {
    }

    /**
     * A new strategy; each call has its own state (the round-robin position), so build one per pool
     * and keep it until the pool's configuration changes.
     *
     * @param random the randomness of least-request's draws and of ties; see {@link #threadLocalRandom()}
     */
    public static BalancingStrategy create(String name, Map<String, ?> settings, RandomGenerator random) {
        return switch (name) {
            case ROUND_ROBIN -> {
                RoundRobinSettings.from(settings);
                yield BalancingStrategy.roundRobin();
            }
            case LEAST_REQUEST -> BalancingStrategy.leastRequest(LeastRequestSettings.from(settings), random);
            case CAPACITY -> BalancingStrategy.capacity(CapacitySettings.from(settings), random);
            case PREFIX_AFFINITY -> BalancingStrategy.prefixAffinity(PrefixAffinitySettings.from(settings), random);
            case LOCALITY_FAILOVER -> {
                LocalityFailoverSettings locality = LocalityFailoverSettings.from(settings);
                yield BalancingStrategy.localityFailover(locality,
                        create(locality.within(), locality.withinSettings(), random));
            }
            default -> throw new IllegalArgumentException("strategy: \"" + name + "\" (expected one of: " + String.join(", ", NAMES) + ")");
        };
    }

    /** {@link #create(String, Map, RandomGenerator)} with {@link #threadLocalRandom()}. */
    public static BalancingStrategy create(String name, Map<String, ?> settings) {
        return create(name, settings, threadLocalRandom());
    }

    /** Checks a strategy name and its settings without keeping the strategy (for configuration validators). */
    public static void validate(String name, Map<String, ?> settings) {
        create(name, settings, threadLocalRandom());
    }

    /**
     * The capacity score (lower is better, see {@link CapacityScore}) of each endpoint among
     * {@code loads}, with the pool's settings when its strategy is {@code capacity}, the defaults
     * otherwise: a view of how loaded each endpoint looks, whatever the pool picks with.
     */
    public static Map<String, Double> capacityScores(String strategy, Map<String, ?> settings, List<LoadSnapshot> loads) {
        CapacitySettings capacity = strategy.equals(CAPACITY) ? CapacitySettings.from(settings) : CapacitySettings.defaults();
        List<Candidate> candidates = loads.stream().map(Candidate::of).toList();
        double[] scores = CapacityScore.scores(candidates, capacity);
        Map<String, Double> byEndpoint = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            byEndpoint.put(candidates.get(i).endpoint(), scores[i]);
        }
        return byEndpoint;
    }

    /** Randomness for production: each call draws from the calling thread's {@link ThreadLocalRandom}. */
    public static RandomGenerator threadLocalRandom() {
        return () -> ThreadLocalRandom.current().nextLong();
    }
}
