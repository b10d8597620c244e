package dev.infergate.bench.routing;

import java.util.SplittableRandom;

/**
 * A length in tokens drawn from a lognormal distribution: {@code round(median × e^(sigma × z))} with
 * {@code z} standard normal, clamped to {@code [min, max]}. Prompt and output lengths of chat traffic
 * are right-skewed (most answers short, a few long), which a lognormal reproduces with two numbers;
 * the clamp keeps every request within what the smallest server of the fleet can hold.
 *
 * @param median the median length (also {@code e^mu})
 * @param sigma the standard deviation of the length's logarithm
 * @param min the shortest length
 * @param max the longest length
 */
public record LognormalLength(int median, double sigma, int min, int max) {

    public LognormalLength {
        if (median < 1) {
            throw new IllegalArgumentException("median: " + median + " (expected: >= 1)");
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma: " + sigma + " (expected: finite and >= 0)");
        }
        if (min < 1 || max < min || median < min || median > max) {
            throw new IllegalArgumentException("min, median, max: " + min + ", " + median + ", " + max
                    + " (expected: 1 <= min <= median <= max)");
        }
    }

    public int sample(SplittableRandom random) {
        double length = median * Math.exp(sigma * gaussian(random));
        return (int) Math.max(min, Math.min(max, Math.round(length)));
    }

    /** The mean of the unclamped distribution, {@code median × e^(sigma² / 2)}. */
    public double mean() {
        return median * Math.exp(sigma * sigma / 2);
    }

    /** Box–Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public String toString() {
        return "lognormal(median " + median + ", σ " + sigma + ", " + min + "…" + max + ")";
    }
}
