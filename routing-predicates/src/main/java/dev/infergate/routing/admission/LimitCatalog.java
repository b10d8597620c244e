package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.LimitDefinition;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code limits} section as the data plane reads it.
 *
 * @param limits the limits by name
 * @param replicas how many gateway replicas share the store: a {@code fail-open} limit's local
 *     fallback bucket is the limit divided by this count
 * @param defaultMaxTokens the completion tokens a token estimate assumes when a request names none
 */
public record LimitCatalog(Map<String, LimitDefinition> limits, int replicas, long defaultMaxTokens) {

    public static final int DEFAULT_REPLICAS = 1;
    public static final long DEFAULT_MAX_TOKENS = 256;

    public LimitCatalog {
        limits = Map.copyOf(limits);
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas: " + replicas + " (expected: >= 1)");
        }
    }

    public static LimitCatalog empty() {
        return new LimitCatalog(Map.of(), DEFAULT_REPLICAS, DEFAULT_MAX_TOKENS);
    }

    public Optional<LimitDefinition> limit(String name) {
        return Optional.ofNullable(limits.get(name));
    }
}
