package dev.infergate.routing.core.balance;

import java.util.OptionalInt;

/**
 * An endpoint a strategy may choose, with its load.
 *
 * @param endpoint {@code host:port}, the endpoint's identity
 * @param zone locality label; {@link #DEFAULT_ZONE} when the source knows none
 * @param capacity requests the endpoint serves at once at full speed (vLLM {@code max_num_seqs}),
 *                 when known; strategies use their {@code default-capacity} otherwise
 * @param load its signals now
 */
public record Candidate(String endpoint, String zone, OptionalInt capacity, LoadSnapshot load) {

    public static final String DEFAULT_ZONE = "local";

    public Candidate {
        if (capacity.isPresent() && capacity.getAsInt() <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity.getAsInt() + " (expected: > 0)");
        }
    }

    /** A candidate in the default zone with unknown capacity. */
    public static Candidate of(LoadSnapshot load) {
        return new Candidate(load.endpoint(), DEFAULT_ZONE, OptionalInt.empty(), load);
    }

    /** Requests in flight from this gateway. */
    public int inFlight() {
        return load.local().inFlight();
    }

    int capacityOr(int defaultCapacity) {
        return capacity.orElse(defaultCapacity);
    }
}
