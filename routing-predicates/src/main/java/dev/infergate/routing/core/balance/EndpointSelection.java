package dev.infergate.routing.core.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks an endpoint for one request: leaves out every endpoint that is ejected
 * ({@link EndpointHealth}) or was already tried for this request, then lets the strategy choose
 * among the rest. When nothing is left the pick says why ({@link Pick.Unavailable}); ejected and
 * tried endpoints are never picked, there is no fallback to them.
 */
public final class EndpointSelection {

    private EndpointSelection() {
    }

    public static Pick select(BalancingStrategy strategy, List<Candidate> candidates, Set<String> tried,
            EndpointHealth health, PickHints hints) {
        if (candidates.isEmpty()) {
            return new Pick.Unavailable(Pick.Reason.NO_ENDPOINTS, 0);
        }
        List<Candidate> eligible = new ArrayList<>(candidates.size());
        boolean anyEjected = false;
        boolean anyTried = false;
        for (Candidate candidate : candidates) {
            if (tried.contains(candidate.endpoint())) {
                anyTried = true;
            } else if (health.isEjected(candidate.endpoint())) {
                anyEjected = true;
            } else {
                eligible.add(candidate);
            }
        }
        if (eligible.isEmpty()) {
            Pick.Reason reason = anyEjected && anyTried ? Pick.Reason.ALL_EJECTED_OR_TRIED
                    : anyEjected ? Pick.Reason.ALL_EJECTED : Pick.Reason.ALL_TRIED;
            return new Pick.Unavailable(reason, candidates.size());
        }
        return new Pick.Picked(strategy.choose(eligible, hints));
    }
}
