package dev.infergate.routing.core.admission;

import java.time.Duration;

/**
 * One token bucket of a limit: at most {@code capacity} tokens (the burst), refilled with
 * {@code refillTokens} per {@code period}. "20 per second with bursts of 40" is
 * {@code new Bandwidth(40, 20, 1s, GREEDY)}; "10 000 per day" is {@code new Bandwidth(10000, 10000, 1d, GREEDY)}.
 * A bucket starts full.
 *
 * <p>The full-refill time, {@code ceil(capacity / refillTokens) × period}, bounds how long an
 * emptied bucket takes to become full again: a bucket idle for that long is equal to a new one,
 * which is when an in-memory table may forget it.
 */
public record Bandwidth(long capacity, long refillTokens, Duration period, Refill refill) {

    public Bandwidth {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        if (refillTokens < 1) {
            throw new IllegalArgumentException("refill tokens: " + refillTokens + " (expected: >= 1)");
        }
        if (period.isNegative() || period.isZero() || period.toMillis() < 1) {
            throw new IllegalArgumentException("period: " + period + " (expected: at least 1ms)");
        }
        if (refillTokens > capacity) {
            throw new IllegalArgumentException("refill tokens: " + refillTokens + " (expected: <= capacity " + capacity + ")");
        }
    }

    /** A bandwidth that refills its whole capacity every period, greedily. */
    public static Bandwidth of(long capacity, Duration period) {
        return new Bandwidth(capacity, capacity, period, Refill.GREEDY);
    }

    /** {@code ceil(capacity / refillTokens) × period}. */
    public Duration fullRefill() {
        long periods = (capacity + refillTokens - 1) / refillTokens;
        return period.multipliedBy(periods);
    }

    /**
     * This bandwidth for one of {@code replicas} replicas: capacity and refill divided by the
     * count, rounded up and at least 1, so the replicas together admit at most one token per
     * replica more than the global limit.
     */
    public Bandwidth share(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas: " + replicas + " (expected: >= 1)");
        }
        return new Bandwidth(ceilDiv(capacity, replicas), ceilDiv(refillTokens, replicas), period, refill);
    }

    /**
     * Seconds until this bandwidth is full again with {@code available} tokens in it:
     * {@code ceil((capacity - available) / refillTokens × period)} for greedy refill, whole periods
     * for interval refill. 0 when full.
     */
    public long secondsUntilFull(long available) {
        long missing = Math.max(0, capacity - available);
        if (missing == 0) {
            return 0;
        }
        long periodMillis = period.toMillis();
        if (refill == Refill.INTERVALLY) {
            long periods = (missing + refillTokens - 1) / refillTokens;
            return ceilDiv(periods * periodMillis, 1000);
        }
        return ceilDiv(Math.multiplyExact(missing, periodMillis), refillTokens * 1000);
    }

    /** The period in whole seconds, at least 1: the {@code w} of {@code RateLimit-Policy}. */
    public long windowSeconds() {
        return Math.max(1, ceilDiv(period.toMillis(), 1000));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
