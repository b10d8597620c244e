package dev.infergate.routing.core.balance;

import java.util.Map;

/**
 * Settings of {@code prefix-affinity}.
 *
 * @param loadFactor {@code load-factor}, the c of consistent hashing with bounded loads: the
 *                   affinity endpoint is taken only while its requests in flight, counting this
 *                   one, stay within {@code ceil(c × (total in flight + 1) / endpoints)}. Default
 *                   1.25: no endpoint carries more than a quarter above the average, while at
 *                   balanced load nearly every prompt stays on its endpoint and hits its prefix
 *                   cache. Closer to 1 the strategy degrades to least-loaded and loses cache hits;
 *                   far above, one hot prompt can queue a server while others idle. Must be >= 1
 *                   (below it the bound could exclude every endpoint)
 * @param prefixLength {@code prefix-length}: characters of the prompt that form the key. Default
 *                     256 (about 64 tokens, four vLLM blocks of 16): long enough to tell system
 *                     prompts apart, short enough to stay within the part that requests share
 * @param scoring how the endpoint is chosen when the affinity endpoint is over its bound or the
 *                request has no prompt: the {@code capacity} keys ({@code weights.*},
 *                {@code default-capacity})
 */
public record PrefixAffinitySettings(double loadFactor, int prefixLength, CapacitySettings scoring) {

    public static final double DEFAULT_LOAD_FACTOR = 1.25;
    public static final int DEFAULT_PREFIX_LENGTH = 256;

    public PrefixAffinitySettings {
        if (Double.isNaN(loadFactor) || Double.isInfinite(loadFactor)) {
            throw new IllegalArgumentException("load-factor: " + loadFactor + " (expected: a finite number)");
        }
        if (loadFactor < 1) {
            throw new IllegalArgumentException("load-factor: " + loadFactor + " (expected: >= 1)");
        }
        if (prefixLength <= 0) {
            throw new IllegalArgumentException("prefix-length: " + prefixLength + " (expected: > 0)");
        }
    }

    public static PrefixAffinitySettings defaults() {
        return new PrefixAffinitySettings(DEFAULT_LOAD_FACTOR, DEFAULT_PREFIX_LENGTH, CapacitySettings.defaults());
    }

    public static PrefixAffinitySettings from(Map<String, ?> settings) {
        SettingsReader reader = SettingsReader.of(settings);
        double loadFactor = reader.number("load-factor", DEFAULT_LOAD_FACTOR);
        int prefixLength = reader.integer("prefix-length", DEFAULT_PREFIX_LENGTH);
        CapacitySettings scoring = CapacitySettings.read(reader);
        reader.rejectUnknown();
        return new PrefixAffinitySettings(loadFactor, prefixLength, scoring);
    }
}
