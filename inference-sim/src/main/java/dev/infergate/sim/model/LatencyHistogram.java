package dev.infergate.sim.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable latency histogram with fixed upper bounds, in nanoseconds, as Prometheus keeps
 * one: an observation counts in every bucket whose bound is at least the observation, plus the
 * implicit {@code +Inf} bucket ({@link #count()}).
 */
public final class LatencyHistogram {

    private static final long[] VLLM_TTFT_BOUNDS = {
        1_000_000L, 5_000_000L, 10_000_000L, 20_000_000L, 40_000_000L, 60_000_000L, 80_000_000L,
        100_000_000L, 250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L, 2_500_000_000L,
        5_000_000_000L, 7_500_000_000L, 10_000_000_000L,
    };

    private final long[] upperBoundsNanos;
    private final long[] cumulativeCounts;
    private final long count;
    private final long sumNanos;

    private LatencyHistogram(long[] upperBoundsNanos, long[] cumulativeCounts, long count, long sumNanos) {
        this.upperBoundsNanos = upperBoundsNanos;
        this.cumulativeCounts = cumulativeCounts;
        this.count = count;
        this.sumNanos = sumNanos;
    }

    /**
     * An empty histogram with vLLM's {@code vllm:time_to_first_token_seconds} buckets: 0.001,
     * 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5 and 10 seconds.
     */
    public static LatencyHistogram vllmTimeToFirstToken() {
        return empty(VLLM_TTFT_BOUNDS);
    }

    /**
     * An empty histogram.
     *
     * @param upperBoundsNanos positive and strictly increasing
     */
    public static LatencyHistogram empty(long... upperBoundsNanos) {
        for (int i = 0; i < upperBoundsNanos.length; i++) {
            if (upperBoundsNanos[i] <= 0 || i > 0 && upperBoundsNanos[i] <= upperBoundsNanos[i - 1]) {
                throw new IllegalArgumentException("upperBoundsNanos: " + Arrays.toString(upperBoundsNanos)
                        + " (expected: positive and strictly increasing)");
            }
        }
        return new LatencyHistogram(upperBoundsNanos.clone(), new long[upperBoundsNanos.length], 0, 0);
    }

    /** This histogram plus one observation of {@code nanos}. */
    public LatencyHistogram withObservation(long nanos) {
        long[] counts = cumulativeCounts.clone();
        for (int i = 0; i < counts.length; i++) {
            if (nanos <= upperBoundsNanos[i]) {
                counts[i]++;
            }
        }
        return new LatencyHistogram(upperBoundsNanos, counts, count + 1, sumNanos + nanos);
    }

    /** The finite bounds, ascending. */
    public List<Long> upperBoundsNanos() {
        return Arrays.stream(upperBoundsNanos).boxed().toList();
    }

    /** Observations at most {@code upperBoundsNanos().get(bucket)}. */
    public long cumulativeCount(int bucket) {
        return cumulativeCounts[bucket];
    }

    /** All observations (the {@code +Inf} bucket). */
    public long count() {
        return count;
    }

    /** The sum of all observations. */
    public long sumNanos() {
        return sumNanos;
    }

    /** Nanoseconds as exact decimal seconds, e.g. {@code 0.01} or {@code 1.0}. */
    static String seconds(long nanos) {
        String plain = BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyHistogram that
                && count == that.count
                && sumNanos == that.sumNanos
                && Arrays.equals(upperBoundsNanos, that.upperBoundsNanos)
                && Arrays.equals(cumulativeCounts, that.cumulativeCounts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(upperBoundsNanos) + Arrays.hashCode(cumulativeCounts))
                + Long.hashCode(count) * 17 + Long.hashCode(sumNanos);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LatencyHistogram[");
        for (int i = 0; i < upperBoundsNanos.length; i++) {
            text.append("le=").append(seconds(upperBoundsNanos[i])).append(':').append(cumulativeCounts[i]).append(", ");
        }
        return text.append("count=").append(count).append(", sum=").append(seconds(sumNanos)).append("s]").toString();
    }
}
