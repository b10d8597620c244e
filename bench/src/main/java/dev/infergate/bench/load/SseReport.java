package dev.infergate.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one run of SSE streams.
 *
 * @param streams streams opened
 * @param complete streams that ended normally with every expected event
 * @param failed the others: errors, other statuses, missing events, still open at the deadline
 * @param events events received in all
 * @param firstEvent from each stream's due start to its first event
 * @param gap between consecutive events of one stream, as the client saw them (0 when two arrived
 *     in one read: coalesced)
 * @param firstFailure what went wrong first, for a diagnosis
 */
public record SseReport(int streams, int complete, int failed, long events, LatencySummary firstEvent,
        LatencySummary gap, @Nullable String firstFailure) {
}
