package dev.infergate.bench.load;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/** Gaps are {@code -ln(1 - u) / perSecond} seconds with {@code u} uniform in [0, 1) from the seed. */
final class PoissonArrivals implements ArrivalSchedule {

    private final double perSecond;
    private final long seed;

    PoissonArrivals(double perSecond, long seed) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: > 0)");
        }
        this.perSecond = perSecond;
        this.seed = seed;
    }

    @Override
    public double perSecond() {
        return perSecond;
    }

    @Override
    public LongSupplier offsets() {
        SplittableRandom random = new SplittableRandom(seed);
        double meanGapNanos = 1e9 / perSecond;
        double[] at = {0};
        boolean[] first = {true};
        return () -> {
            if (first[0]) {
                first[0] = false;
                return 0;
            }
            at[0] += -Math.log(1 - random.nextDouble()) * meanGapNanos;
            return Math.round(at[0]);
        };
    }
}
