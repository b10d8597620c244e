package dev.infergate.routing.core.resilience;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (the AWS architecture blog's "full jitter"): before retry
 * {@code n} (1 for the first retry) the delay is drawn uniformly from
 *
 * <pre>
 * [0, min(cap, base × 2^(n−1)))
 * </pre>
 *
 * in whole milliseconds. Full jitter spreads the retries of a burst of failures over the whole
 * interval, so they do not arrive at the upstream together again.
 *
 * @param base {@code backoff.base}: the ceiling before the first retry. Default 25 ms
 * @param cap {@code backoff.cap}: the largest ceiling. Default 1 s
 */
public record Backoff(Duration base, Duration cap) {

    public static final Duration DEFAULT_BASE = Duration.ofMillis(25);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(1);

    public Backoff {
        if (base.toMillis() < 1) {
            throw new IllegalArgumentException("backoff.base: " + Durations.format(base) + " (expected: >= 1ms)");
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff.cap: " + Durations.format(cap) + " (expected: >= backoff.base "
                    + Durations.format(base) + ")");
        }
    }

    public static Backoff defaults() {
        return new Backoff(DEFAULT_BASE, DEFAULT_CAP);
    }

    /** The ceiling before retry {@code retry}: {@code min(cap, base × 2^(retry−1))}. */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry: " + retry + " (expected: >= 1)");
        }
        int shift = Math.min(retry - 1, 30);
        long millis = base.toMillis() << shift;
        return millis >= cap.toMillis() || millis < 0 ? cap : Duration.ofMillis(millis);
    }

    /** The delay before retry {@code retry}, uniform in {@code [0, ceiling)} milliseconds. */
    public Duration delay(int retry, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(ceiling(retry).toMillis()));
    }
}
