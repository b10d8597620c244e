package dev.infergate.routing.core.balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code round-robin}: the i-th choice takes {@code eligible[i mod n]}, with one counter for the
 * strategy, starting at 0. Ignores load. Written here rather than reusing Spring Cloud
 * LoadBalancer's {@code RoundRobinLoadBalancer} because that one cannot leave out ejected and
 * already-tried endpoints.
 */
final class RoundRobinStrategy implements BalancingStrategy {

    private final AtomicInteger position = new AtomicInteger();

    @Override
    public String name() {
        return BalancingStrategies.ROUND_ROBIN;
    }

    @Override
    public Choice choose(List<Candidate> eligible, PickHints hints) {
        Strategies.requireCandidates(eligible);
        int index = Math.floorMod(position.getAndIncrement(), eligible.size());
        return Choice.of(eligible.get(index), "round-robin: next in turn");
    }
}
