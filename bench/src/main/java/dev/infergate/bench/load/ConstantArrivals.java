package dev.infergate.bench.load;

import java.util.function.LongSupplier;

/** Request {@code i} is due at {@code round(i × 10⁹ / perSecond)} ns: no drift over long runs. */
final class ConstantArrivals implements ArrivalSchedule {

    private final double perSecond;

    ConstantArrivals(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: > 0)");
        }
        this.perSecond = perSecond;
    }

    @Override
    public double perSecond() {
        return perSecond;
    }

    @Override
    public LongSupplier offsets() {
        double period = 1e9 / perSecond;
        long[] next = {0};
        return () -> Math.round(next[0]++ * period);
    }
}
