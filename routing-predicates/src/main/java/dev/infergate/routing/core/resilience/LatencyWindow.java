package dev.infergate.routing.core.resilience;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The last {@code capacity} latencies of a route, for a hedging delay at a percentile. The
 * percentile {@code p} of {@code n} samples is the sample of rank {@code ceil(p/100 × n)} in
 * ascending order (nearest rank); none until {@code minimum} samples are known. Thread-safe.
 */
public final class LatencyWindow {

    private final long[] nanos;
    private final int minimum;
    private int next;
    private int size;

    public LatencyWindow(int capacity, int minimum) {
        if (capacity < 1 || minimum < 1 || minimum > capacity) {
            throw new IllegalArgumentException("capacity " + capacity + ", minimum " + minimum + " (expected: 1 <= minimum <= capacity)");
        }
        this.nanos = new long[capacity];
        this.minimum = minimum;
    }

    public synchronized void record(Duration latency) {
        nanos[next] = latency.toNanos();
        next = (next + 1) % nanos.length;
        size = Math.min(size + 1, nanos.length);
    }

    public synchronized Optional<Duration> percentile(int p) {
        if (size < minimum) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return Optional.of(Duration.ofNanos(sorted[Math.max(rank, 1) - 1]));
    }
}
