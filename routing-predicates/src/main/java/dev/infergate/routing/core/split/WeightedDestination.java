package dev.infergate.routing.core.split;

/**
 * A destination as the split algorithm sees it: a name and a non-negative weight. A destination of
 * weight 0 is never assigned by hash or draw, but can still be forced by name.
 */
public record WeightedDestination(String name, int weight) {

    public WeightedDestination {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: not blank)");
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
        }
    }
}
