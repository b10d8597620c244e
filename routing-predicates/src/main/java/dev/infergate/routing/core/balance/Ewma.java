package dev.infergate.routing.core.balance;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * An exponentially weighted moving average over time: the weight of every sample halves with
 * each half-life {@code h} that passes.
 *
 * <pre>
 * value(t) = Σ xᵢ·2^(−(t − tᵢ)/h) / Σ 2^(−(t − tᵢ)/h)
 * </pre>
 *
 * kept incrementally: a sample {@code x} at {@code t} with {@code d = 2^(−(t − t_last)/h)} sets
 * {@code sum = sum·d + x} and {@code weight = weight·d + 1}. The first sample is the value.
 *
 * <p>Written as a ratio of decayed sums rather than {@code v += (1 − 2^(−Δt/h))·(x − v)} because
 * the latter drops a sample that arrives at the same instant as the previous one (Δt = 0), which
 * happens whenever completions are batched. Reading does not decay the value: an endpoint that gets
 * no traffic keeps its last average until it is measured again.
 *
 * <p>Not thread-safe: {@link LocalLoadTracker} guards its averages.
 */
public final class Ewma {

    private final double halfLifeNanos;
    private double sum;
    private double weight;
    private long lastNanos;

    public Ewma(Duration halfLife) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half-life: " + halfLife + " (expected: > 0)");
        }
        this.halfLifeNanos = halfLife.toNanos();
    }

    /** Adds sample {@code value} observed at {@code atNanos}. */
    public void add(double value, long atNanos) {
        if (weight > 0) {
            double decay = Math.pow(2, -Math.max(0, atNanos - lastNanos) / halfLifeNanos);
            sum *= decay;
            weight *= decay;
        }
        sum += value;
        weight += 1;
        lastNanos = atNanos;
    }

    /** The average; empty before the first sample. */
    public OptionalDouble value() {
        return weight > 0 ? OptionalDouble.of(sum / weight) : OptionalDouble.empty();
    }
}
