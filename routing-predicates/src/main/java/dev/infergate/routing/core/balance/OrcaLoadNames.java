package dev.infergate.routing.core.balance;

/**
 * The keys of an ORCA load report that carry an endpoint's load.
 *
 * @param waiting queued requests; default {@code named_metrics.queue}
 * @param running running requests; default {@code named_metrics.running}
 * @param kvCacheUsage KV-cache usage from 0 to 1; default {@code named_metrics.kv_cache}
 */
public record OrcaLoadNames(String waiting, String running, String kvCacheUsage) {

    public OrcaLoadNames {
        requireKey("waiting", waiting);
        requireKey("running", running);
        requireKey("kv-cache-usage", kvCacheUsage);
    }

    /** The keys the simulated servers report. */
    public static OrcaLoadNames defaults() {
        return new OrcaLoadNames("named_metrics.queue", "named_metrics.running", "named_metrics.kv_cache");
    }

    private static void requireKey(String what, String key) {
        if (key.isBlank() || key.chars().anyMatch(c -> c == ',' || c == '=' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException(what + ": \"" + key + "\" (expected: an ORCA key such as named_metrics.queue)");
        }
    }
}
