package dev.infergate.routing.core.split;

/**
 * Where one request goes and how that was decided.
 *
 * @param destination the chosen destination's name
 * @param index the chosen destination's position in the split, for adapters that keep more per destination
 * @param method how the destination was chosen
 */
public record SplitDecision(String destination, int index, Method method) {

    /** How a destination was chosen. */
    public enum Method {
        /** By the weighted rendezvous hash of the request's sticky key: the same key keeps its destination. */
        HASHED,
        /** By a weighted random draw, for a request without a key. */
        RANDOM,
        /** By name, from the request (a tester's forced variant), whatever the weights. */
        FORCED
    }

    public SplitDecision {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
    }
}
