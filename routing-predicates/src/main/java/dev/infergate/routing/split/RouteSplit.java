package dev.infergate.routing.split;

import dev.infergate.routing.core.split.TrafficSplit;
import dev.infergate.routing.core.split.WeightedDestination;

/** A route's split specification with the algorithm built from it. */
record RouteSplit(SplitSpec spec, TrafficSplit algorithm) {

    static RouteSplit of(SplitSpec spec) {
        return new RouteSplit(spec, TrafficSplit.of(spec.destinations().stream()
                .map(destination -> new WeightedDestination(destination.name(), destination.weight()))
                .toList()));
    }
}
