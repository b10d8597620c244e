package dev.infergate.routing.core.balance;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The strategy of one pool, rebuilt only when the pool's strategy name or settings change.
 * Strategies keep state (the round-robin position), and building one per request would also
 * re-validate its settings every time; a pool's picker therefore asks this cache on every pick
 * with what the live configuration says now. Thread-safe; two threads seeing a change at once may
 * both build, and one result wins.
 */
public final class StrategyCache {

    private record Entry(String name, Map<String, ?> settings, BalancingStrategy strategy) {
    }

    private final RandomGenerator random;
    private volatile @Nullable Entry current;

    public StrategyCache(RandomGenerator random) {
        this.random = random;
    }

    /** A cache whose strategies draw from {@link BalancingStrategies#threadLocalRandom()}. */
    public StrategyCache() {
        this(BalancingStrategies.threadLocalRandom());
    }

    /**
     * The strategy for {@code name} and {@code settings}: the previous one when both are equal to
     * the previous call's, a new one otherwise.
     *
     * @throws IllegalArgumentException as {@link BalancingStrategies#create(String, Map, RandomGenerator)}
     */
    public BalancingStrategy get(String name, Map<String, ?> settings) {
        Entry entry = current;
        if (entry != null && entry.name().equals(name) && entry.settings().equals(settings)) {
            return entry.strategy();
        }
        BalancingStrategy strategy = BalancingStrategies.create(name, settings, random);
        current = new Entry(name, settings, strategy);
        return strategy;
    }
}
