package dev.infergate.bench.load;

import java.util.function.LongSupplier;

/**
 * When the requests of an open-loop run are due, as offsets from its start. The generator sends
 * each request at its offset whatever happened to the earlier ones, and measures latency from the
 * offset, not from the moment it managed to send (coordinated omission would otherwise hide
 * queueing).
 */
public interface ArrivalSchedule {

    /** The mean arrival rate, requests per second. */
    double perSecond();

    /**
     * A fresh sequence of offsets in nanoseconds, non-decreasing, starting at or after 0. Each
     * call starts the sequence again (a seeded schedule repeats itself exactly).
     */
    LongSupplier offsets();

    /** One request every {@code 1 / perSecond} seconds exactly. */
    static ArrivalSchedule constant(double perSecond) {
        return new ConstantArrivals(perSecond);
    }

    /** Poisson arrivals: exponential gaps of mean {@code 1 / perSecond}, from a seeded generator. */
    static ArrivalSchedule poisson(double perSecond, long seed) {
        return new PoissonArrivals(perSecond, seed);
    }
}
