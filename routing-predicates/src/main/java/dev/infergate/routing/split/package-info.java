/**
 * Traffic shaping on a route: the weighted split of a route over destinations (sticky by key,
 * monotone under weight changes, with forced variants), model aliases, and mirroring to a shadow.
 * The decisions themselves are made by {@link dev.infergate.routing.core.split.TrafficSplit}.
 */
@NullMarked
package dev.infergate.routing.split;

import org.jspecify.annotations.NullMarked;
