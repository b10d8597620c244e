package dev.infergate.routing.core.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Answers {@code nextLong(bound)} with {@code bound × fraction} and records every bound asked. */
final class FixedRandom implements RandomGenerator {

    private final double fraction;
    final List<Long> bounds = new ArrayList<>();

    FixedRandom(double fraction) {
        this.fraction = fraction;
    }

    @Override
    public long nextLong(long bound) {
        bounds.add(bound);
        return (long) (bound * fraction);
    }

    @Override
    public long nextLong() {
        throw new AssertionError("unexpected nextLong()");
    }
}
