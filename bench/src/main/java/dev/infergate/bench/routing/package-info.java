/**
 * The pure parts of the routing-quality benchmark: the workload (lognormal lengths, shared
 * prefixes), the fleet's capacity derived from the simulator's queueing model, the goodput search,
 * per-server shares over time windows and the results tables. No processes, no sockets.
 */
@NullMarked
package dev.infergate.bench.routing;

import org.jspecify.annotations.NullMarked;
