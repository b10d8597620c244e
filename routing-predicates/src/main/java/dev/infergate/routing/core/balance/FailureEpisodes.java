package dev.infergate.routing.core.balance;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Groups consecutive failures of a source (one endpoint's scrape) into episodes, so that a failure
 * is logged once when an episode starts and once when it ends, however long it lasts. Thread-safe.
 */
public final class FailureEpisodes {

    /** What an attempt's result did to the episode. */
    public enum Transition {
        /** The first failure after a success (or ever): report it. */
        STARTED,
        /** Another failure in an episode already reported. */
        CONTINUED,
        /** The first success after failures: report the recovery. */
        ENDED,
        /** Another success. */
        UNCHANGED
    }

    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public Transition failed(String source) {
        return failing.add(source) ? Transition.STARTED : Transition.CONTINUED;
    }

    public Transition succeeded(String source) {
        return failing.remove(source) ? Transition.ENDED : Transition.UNCHANGED;
    }
}
