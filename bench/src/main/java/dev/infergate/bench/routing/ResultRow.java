package dev.infergate.bench.routing;

import dev.infergate.bench.load.ChatStreamReport;

/**
 * One contender's measurement at one offered load.
 *
 * @param contender the contender's name
 * @param ours true for Infergate's rows, which get ratios to the best peer
 * @param balancing how it picks a server
 * @param report what the load generator measured
 * @param prefixHitRate the fleet's prefix-cache hit rate over the run (hit ÷ queried prompt tokens),
 *     NaN when not read
 */
public record ResultRow(String contender, boolean ours, String balancing, ChatStreamReport report, double prefixHitRate) {
}
