package dev.infergate.sim.model;

import java.util.Objects;

/**
 * A server's state and counters at one instant, the input of {@link VllmMetricsText} and
 * {@link OrcaLoadReport}. Counters count from the model's creation, as vLLM's do from start-up.
 *
 * @param atNanos the model time the snapshot was taken at
 * @param running sequences in the batch (vLLM {@code num_requests_running})
 * @param waiting requests queued for admission ({@code num_requests_waiting})
 * @param maxBatch the server's {@link ServerSpec#maxBatch()}
 * @param kvCacheUsedTokens KV-cache tokens reserved by running sequences
 * @param kvCacheCapacityTokens the server's {@link ServerSpec#kvCacheTokens()}
 * @param prefixCacheQueriedTokens prompt tokens of admitted requests, looked up in the prefix cache
 *     (0 when the server has no prefix cache, as vLLM without prefix caching reports)
 * @param prefixCacheHitTokens of those, the tokens found cached
 * @param promptTokens prompt tokens of requests whose prefill completed, cached ones included
 * @param generationTokens output tokens generated
 * @param requestsFinished requests that generated all their tokens
 * @param requestsCancelled accepted requests cancelled before finishing
 * @param timeToFirstToken arrival to first token, per request whose prefill completed
 */
public record Snapshot(
        long atNanos,
        int running,
        int waiting,
        int maxBatch,
        long kvCacheUsedTokens,
        long kvCacheCapacityTokens,
        long prefixCacheQueriedTokens,
        long prefixCacheHitTokens,
        long promptTokens,
        long generationTokens,
        long requestsFinished,
        long requestsCancelled,
        LatencyHistogram timeToFirstToken) {

    public Snapshot {
        Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    }

    /** KV-cache usage as a fraction from 0 to 1, as vLLM's {@code kv_cache_usage_perc} reports it. */
    public double kvCacheUsage() {
        return (double) kvCacheUsedTokens / kvCacheCapacityTokens;
    }

    /** Batch occupancy as a fraction from 0 to 1: {@code running / maxBatch}. */
    public double batchUtilization() {
        return (double) running / maxBatch;
    }
}
