package dev.infergate.routing.core.balance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * {@code locality-failover}: prefers the local zone and spills to others in priority order when it
 * is saturated or has no eligible endpoint; the wrapped strategy chooses inside the chosen zone.
 *
 * <pre>
 * priority     = local-zone, then zone-order, then the remaining zones by name
 * utilization  = Σ max(inFlight, running + waiting) / Σ capacity   over the zone's eligible endpoints
 * chosen zone  = the first zone in priority with eligible endpoints and utilization < saturation;
 *                when every such zone is saturated, the first with eligible endpoints (moving
 *                requests across zones helps nobody when all are full)
 * </pre>
 *
 * {@code running + waiting} counts only when fresh backend load is known; in-flight alone otherwise.
 */
final class LocalityFailoverStrategy implements BalancingStrategy {

    private final LocalityFailoverSettings settings;
    private final BalancingStrategy within;

    LocalityFailoverStrategy(LocalityFailoverSettings settings, BalancingStrategy within) {
        this.settings = settings;
        this.within = within;
    }

    @Override
    public String name() {
        return BalancingStrategies.LOCALITY_FAILOVER;
    }

    @Override
    public OptionalInt promptPrefixLength() {
        return within.promptPrefixLength();
    }

    @Override
    public Choice choose(List<Candidate> eligible, PickHints hints) {
        Strategies.requireCandidates(eligible);
        Map<String, List<Candidate>> byZone = new LinkedHashMap<>();
        for (Candidate candidate : eligible) {
            byZone.computeIfAbsent(candidate.zone(), zone -> new ArrayList<>()).add(candidate);
        }
        List<String> priority = priority(byZone);
        for (String zone : priority) {
            double utilization = utilization(byZone.get(zone));
            if (utilization < settings.saturation()) {
                String basis = zone.equals(priority.get(0)) && zone.equals(settings.localZone())
                        ? "locality-failover: local zone " + zone + "; "
                        : "locality-failover: spilled to zone " + zone + "; ";
                return within.choose(byZone.get(zone), hints).explainedBy(basis);
            }
        }
        String first = priority.get(0);
        return within.choose(byZone.get(first), hints)
                .explainedBy("locality-failover: every zone saturated, zone " + first + "; ");
    }

    /** The zones that have eligible endpoints, in the order they are tried. */
    private List<String> priority(Map<String, List<Candidate>> byZone) {
        List<String> order = new ArrayList<>();
        if (byZone.containsKey(settings.localZone())) {
            order.add(settings.localZone());
        }
        for (String zone : settings.zoneOrder()) {
            if (byZone.containsKey(zone) && !order.contains(zone)) {
                order.add(zone);
            }
        }
        for (String zone : new TreeSet<>(byZone.keySet())) {
            if (!order.contains(zone)) {
                order.add(zone);
            }
        }
        return order;
    }

    private double utilization(List<Candidate> zone) {
        double load = 0;
        double capacity = 0;
        for (Candidate candidate : zone) {
            LoadSnapshot snapshot = candidate.load();
            double reported = snapshot.backend().isPresent() ? snapshot.runningOrZero() + snapshot.waitingOrZero() : 0;
            load += Math.max(candidate.inFlight(), reported);
            capacity += candidate.capacityOr(settings.defaultCapacity());
        }
        return load / capacity;
    }
}
