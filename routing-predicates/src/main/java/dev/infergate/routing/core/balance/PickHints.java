package dev.infergate.routing.core.balance;

import java.util.Optional;

/**
 * What the request tells the strategy beyond the candidates.
 *
 * @param affinityKey the prompt prefix that {@code prefix-affinity} hashes; empty when the request
 *                    has none (no cached body, not a prompt)
 */
public record PickHints(Optional<String> affinityKey) {

    public static PickHints none() {
        return new PickHints(Optional.empty());
    }

    public static PickHints affinity(String key) {
        return new PickHints(Optional.of(key));
    }
}
