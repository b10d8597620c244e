package dev.infergate.routing.core.admission;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import java.util.List;
import java.util.stream.LongStream;

/**
 * One limit's answer to one request.
 *
 * @param limit the limit as configured (its global size, also when a fallback bucket answered)
 * @param allowed whether the tokens were taken
 * @param available tokens left in each bandwidth after the request, in the limit's order; never negative
 * @param nanosToWait when refused, how long until the request could pass; 0 when allowed
 * @param fallback true when the local fallback bucket answered because the shared store failed
 */
public record LimitState(LimitDefinition limit, boolean allowed, List<Long> available, long nanosToWait, boolean fallback) {

    public LimitState {
        available = List.copyOf(available);
        if (available.size() != limit.bandwidths().size()) {
            throw new IllegalArgumentException("available: " + available.size() + " values for "
                    + limit.bandwidths().size() + " bandwidths");
        }
    }

    /** Reads a Bucket4j verbose probe; {@code limit} must be the definition the bucket was built from. */
    public static LimitState of(LimitDefinition limit, VerboseResult<ConsumptionProbe> result, boolean fallback) {
        long[] perBandwidth = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        ConsumptionProbe probe = result.getValue();
        return new LimitState(limit, probe.isConsumed(),
                LongStream.of(perBandwidth).map(tokens -> Math.max(0, tokens)).boxed().toList(),
                probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill(), fallback);
    }

    /** Reads the bucket's state after an operation that takes nothing conditionally (a reconciliation). */
    public static LimitState settled(LimitDefinition limit, VerboseResult<?> result, boolean fallback) {
        long[] perBandwidth = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        return new LimitState(limit, true, LongStream.of(perBandwidth).map(tokens -> Math.max(0, tokens)).boxed().toList(),
                0, fallback);
    }

    /**
     * {@code Retry-After} in whole seconds: {@code ceil(nanosToWait / 1e9)}, at least 1. A request
     * larger than a bandwidth's capacity can never pass (Bucket4j reports an endless wait): then
     * the limit's full-refill time, the longest any passable request waits.
     */
    public long retryAfterSeconds() {
        if (nanosToWait > Long.MAX_VALUE - 1_000_000_000L) {
            return Math.max(1, limit.fullRefill().toSeconds());
        }
        return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }
}
