package dev.infergate.routing.core.balance;

import java.util.Map;

/**
 * Settings of {@code capacity} (and of the fallback scoring of {@code prefix-affinity}). The score,
 * lower is better, is
 *
 * <pre>
 * score = weights.queue     × waiting / capacity
 *       + weights.kv-cache  × kvCacheUsage
 *       + weights.in-flight × inFlight / capacity
 *       + weights.latency   × (ttfb − fastest ttfb) / (slowest ttfb − fastest ttfb)
 *       + weights.errors    × errorRate
 * </pre>
 *
 * see {@link CapacityScore} for each term. The defaults:
 *
 * @param weights the terms' weights, each >= 0, not all 0
 * @param defaultCapacity {@code default-capacity}: the capacity of endpoints whose instance metadata
 *                        has none. Default 32, the batch size of the reference simulated server;
 *                        set it to the servers' {@code max_num_seqs}. It scales the queue and
 *                        in-flight terms against the others, so it matters even when all endpoints
 *                        are alike
 */
public record CapacitySettings(Weights weights, int defaultCapacity) {

    public static final int DEFAULT_CAPACITY = 32;

    /**
     * The weights of the score's terms.
     *
     * @param queue {@code weights.queue}, default 2: a queued request delays a new one by a whole
     *              sequence (seconds), where the other terms predict delays of a step or a prefill;
     *              queue depth is what inference endpoint pickers weigh first
     * @param kvCache {@code weights.kv-cache}, default 1: near 1 the server cannot admit a new
     *                request until others finish, even with free batch slots
     * @param inFlight {@code weights.in-flight}, default 1: the only signal that is never stale;
     *                 it keeps a burst from piling onto the endpoint whose last scrape looked best,
     *                 and it alone balances when backend signals are missing
     * @param latency {@code weights.latency}, default 0.5: time to first byte is an effect of the
     *                other terms and noisy, so it only weighs half; it catches slow hardware that
     *                the counts do not show
     * @param errors {@code weights.errors}, default 2: a failing endpoint answers fast and looks
     *               idle; with 2, an endpoint failing half its requests scores as badly as one
     *               whose batch is full
     */
    public record Weights(double queue, double kvCache, double inFlight, double latency, double errors) {

        public Weights {
            requireWeight("weights.queue", queue);
            requireWeight("weights.kv-cache", kvCache);
            requireWeight("weights.in-flight", inFlight);
            requireWeight("weights.latency", latency);
            requireWeight("weights.errors", errors);
            if (queue + kvCache + inFlight + latency + errors == 0) {
                throw new IllegalArgumentException("weights: all 0 (expected: at least one > 0)");
            }
        }

        public static Weights defaults() {
            return new Weights(2, 1, 1, 0.5, 2);
        }

        private static void requireWeight(String key, double weight) {
            if (Double.isNaN(weight) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException(key + ": " + weight + " (expected: a finite number)");
            }
            if (weight < 0) {
                throw new IllegalArgumentException(key + ": " + weight + " (expected: >= 0)");
            }
        }
    }

    public CapacitySettings {
        if (defaultCapacity <= 0) {
            throw new IllegalArgumentException("default-capacity: " + defaultCapacity + " (expected: > 0)");
        }
    }

    public static CapacitySettings defaults() {
        return new CapacitySettings(Weights.defaults(), DEFAULT_CAPACITY);
    }

    public static CapacitySettings from(Map<String, ?> settings) {
        SettingsReader reader = SettingsReader.of(settings);
        CapacitySettings result = read(reader);
        reader.rejectUnknown();
        return result;
    }

    /** Reads the keys of this record; shared with strategies that score the same way. */
    static CapacitySettings read(SettingsReader reader) {
        Weights defaults = Weights.defaults();
        Weights weights = new Weights(
                reader.number("weights.queue", defaults.queue()),
                reader.number("weights.kv-cache", defaults.kvCache()),
                reader.number("weights.in-flight", defaults.inFlight()),
                reader.number("weights.latency", defaults.latency()),
                reader.number("weights.errors", defaults.errors()));
        return new CapacitySettings(weights, reader.integer("default-capacity", DEFAULT_CAPACITY));
    }
}
