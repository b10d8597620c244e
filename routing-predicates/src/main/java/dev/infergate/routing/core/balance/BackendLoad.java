package dev.infergate.routing.core.balance;

import java.util.OptionalDouble;

/**
 * Load an endpoint says it has, from a metrics scrape or a load report. Each value may be missing
 * when the source does not export it.
 *
 * @param waiting requests queued for admission (vLLM {@code num_requests_waiting}), >= 0
 * @param running requests in the running batch (vLLM {@code num_requests_running}), >= 0
 * @param kvCacheUsage share of the KV cache in use, from 0 to 1 (vLLM {@code kv_cache_usage_perc})
 */
public record BackendLoad(OptionalDouble waiting, OptionalDouble running, OptionalDouble kvCacheUsage) {

    public BackendLoad {
        requireRange("waiting", waiting, Double.MAX_VALUE, ">= 0");
        requireRange("running", running, Double.MAX_VALUE, ">= 0");
        requireRange("kvCacheUsage", kvCacheUsage, 1, "0..1");
    }

    /** All three values known. */
    public static BackendLoad of(double waiting, double running, double kvCacheUsage) {
        return new BackendLoad(OptionalDouble.of(waiting), OptionalDouble.of(running), OptionalDouble.of(kvCacheUsage));
    }

    private static void requireRange(String name, OptionalDouble value, double max, String expected) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && value.getAsDouble() <= max)) {
            throw new IllegalArgumentException(name + ": " + value.getAsDouble() + " (expected: " + expected + ")");
        }
    }
}
