package dev.infergate.routing.core.balance;

import java.util.List;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Chooses one endpoint for a request among eligible candidates. {@link EndpointSelection} removes
 * ejected and already-tried endpoints first, so a strategy always gets at least one candidate and
 * always chooses. Implementations are thread-safe; {@link BalancingStrategies} creates them by name.
 */
public interface BalancingStrategy {

    /** The name the strategy is configured by. */
    String name();

    /**
     * Chooses among {@code eligible}, which is never empty.
     *
     * @throws IllegalArgumentException when {@code eligible} is empty
     */
    Choice choose(List<Candidate> eligible, PickHints hints);

    /** How many characters of the prompt the strategy hashes; empty when it does not read the prompt. */
    default OptionalInt promptPrefixLength() {
        return OptionalInt.empty();
    }

    /** {@code round-robin}: see {@link RoundRobinSettings}. */
    static BalancingStrategy roundRobin() {
        return new RoundRobinStrategy();
    }

    /** {@code least-request}: see {@link LeastRequestSettings}. */
    static BalancingStrategy leastRequest(LeastRequestSettings settings, RandomGenerator random) {
        return new LeastRequestStrategy(settings, random);
    }

    /** {@code capacity}: see {@link CapacitySettings}. */
    static BalancingStrategy capacity(CapacitySettings settings, RandomGenerator random) {
        return new CapacityStrategy(settings, random);
    }

    /** {@code prefix-affinity}: see {@link PrefixAffinitySettings}. */
    static BalancingStrategy prefixAffinity(PrefixAffinitySettings settings, RandomGenerator random) {
        return new PrefixAffinityStrategy(settings, random);
    }

    /** {@code locality-failover}, choosing with {@code within} inside the chosen zone: see {@link LocalityFailoverSettings}. */
    static BalancingStrategy localityFailover(LocalityFailoverSettings settings, BalancingStrategy within) {
        return new LocalityFailoverStrategy(settings, within);
    }
}
